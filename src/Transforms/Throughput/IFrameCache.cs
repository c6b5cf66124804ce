using MLVideo.Transforms.Decoding;

namespace MLVideo.Transforms.Throughput;

/// <summary>A store of decoded frame stacks by key (thread-safe).</summary>
public interface IFrameCache
{
    /// <summary>Gets the frames stored under <paramref name="key"/>.</summary>
    bool TryGet(string key, out FrameStack? frames);

    /// <summary>Stores <paramref name="frames"/> under <paramref name="key"/> (may decline when full).</summary>
    void Set(string key, FrameStack frames);
}
