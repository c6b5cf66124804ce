using TorchSharp;

namespace MLVideo.Trainers.Tests.Native;

/// <summary>
/// A background thread that, until disposed, makes garbage (managed arrays and undisposed native Scalars, whose
/// finalizers free native memory of a Scalar's size, so that a scalar freed too early is soon overwritten) and forces
/// full collections and finalizer runs back to back: the conditions in which a Scalar temporary handed to a native
/// call gets finalised during that call.
/// </summary>
internal sealed class CollectionPressure : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;

    public CollectionPressure()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = nameof(CollectionPressure) };
        _thread.Start();
    }

    /// <summary>Full collections forced so far.</summary>
    public int Collections { get; private set; }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Run()
    {
        var keep = new object[16];
        while (!_stop)
        {
            for (int i = 0; i < 64; i++)
            {
                _ = (i * 0.25).ToScalar();            // left to its finalizer on purpose
                keep[i % keep.Length] = new byte[1024 + i];
            }
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Collections++;
        }
    }
}
