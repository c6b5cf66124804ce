namespace MLVideo.Prediction;

/// <summary>
/// Calls back when a model file is created, changed or renamed into place (as <c>Model.Save</c> does),
/// coalescing bursts of events into one reload shortly after the last one. File-system events are
/// backed by a cheap poll of the file's time stamp and size, because events can be missed (network
/// shares, exhausted inotify watches) and a server must not keep serving a stale model.
/// </summary>
internal sealed class ModelFileWatcher : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private readonly string _path;
    private readonly FileSystemWatcher? _watcher;
    private readonly Timer _reloadTimer;
    private readonly Timer _pollTimer;
    private (DateTime, long) _lastSeen;

    public ModelFileWatcher(string path, Action reload)
    {
        _path = path;
        _lastSeen = Stamp();
        _reloadTimer = new Timer(_ => reload(), null, Timeout.Infinite, Timeout.Infinite);
        _pollTimer = new Timer(_ => Poll(), null, PollInterval, PollInterval);
        try
        {
            _watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                IncludeSubdirectories = false,
            };
            _watcher.Changed += OnEvent;
            _watcher.Created += OnEvent;
            _watcher.Renamed += OnEvent;
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            _watcher?.Dispose();
            _watcher = null; // polling alone still notices changes
        }
    }

    private void OnEvent(object sender, FileSystemEventArgs e)
    {
        if (string.Equals(e.FullPath, _path, StringComparison.Ordinal)) Schedule();
    }

    private void Poll()
    {
        var stamp = Stamp();
        if (stamp == _lastSeen) return;
        _lastSeen = stamp;
        Schedule();
    }

    private void Schedule()
    {
        _lastSeen = Stamp();
        try
        {
            _reloadTimer.Change(Quiet, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed while an event was in flight.
        }
    }

    private (DateTime, long) Stamp()
    {
        try
        {
            var info = new FileInfo(_path);
            return info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1);
        }
        catch (IOException)
        {
            return (DateTime.MinValue, -1);
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _pollTimer.Dispose();
        _reloadTimer.Dispose();
    }
}
