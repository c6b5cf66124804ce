namespace MLVideo.Prediction;

/// <summary>
/// Calls back when a model file is created, changed or renamed into place (as <c>Model.Save</c> does),
/// coalescing bursts of events into one reload shortly after the last one.
/// </summary>
internal sealed class ModelFileWatcher : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(250);

    private readonly string _path;
    private readonly FileSystemWatcher _watcher;
    private readonly Timer _timer;

    public ModelFileWatcher(string path, Action reload)
    {
        _path = path;
        _timer = new Timer(_ => reload(), null, Timeout.Infinite, Timeout.Infinite);
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

    private void OnEvent(object sender, FileSystemEventArgs e)
    {
        if (string.Equals(e.FullPath, _path, StringComparison.Ordinal)) _timer.Change(Quiet, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _timer.Dispose();
    }
}
