using MLVideo.Transforms.Decoding;

namespace MLVideo.Transforms.Readers;

/// <summary>Applies a <see cref="BadVideoPolicy"/>: rethrows, or logs a warning and reports the video as skipped.</summary>
public sealed class BadVideoHandler
{
    private int _skipped;

    /// <summary>Creates a handler; <paramref name="warn"/> receives one line per skipped video (default: standard error).</summary>
    public BadVideoHandler(BadVideoPolicy policy, Action<string>? warn = null)
    {
        if (!Enum.IsDefined(policy)) throw new ArgumentOutOfRangeException(nameof(policy));
        Policy = policy;
        Warn = warn ?? (message => Console.Error.WriteLine(message));
    }

    /// <summary>The policy.</summary>
    public BadVideoPolicy Policy { get; }

    /// <summary>Where skip warnings go.</summary>
    public Action<string> Warn { get; }

    /// <summary>Videos skipped so far (thread-safe).</summary>
    public int SkippedCount => Volatile.Read(ref _skipped);

    /// <summary>
    /// Runs <paramref name="work"/> for <paramref name="path"/>. Under <see cref="BadVideoPolicy.Throw"/> failures propagate; under
    /// <see cref="BadVideoPolicy.SkipAndLog"/> an <see cref="InvalidVideoException"/> is logged and false is returned.
    /// Other exceptions (bugs, a missing ffmpeg) always propagate: skipping every file would hide them.
    /// </summary>
    public bool TryRun<T>(string path, Func<T> work, out T? result)
    {
        try
        {
            result = work();
            return true;
        }
        catch (InvalidVideoException e) when (Policy == BadVideoPolicy.SkipAndLog)
        {
            Interlocked.Increment(ref _skipped);
            Warn($"Warning: skipped video '{path}' ({e.Reason}): {e.Message}");
            result = default;
            return false;
        }
    }
}
