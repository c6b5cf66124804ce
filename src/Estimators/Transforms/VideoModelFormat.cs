using Microsoft.ML;

namespace MLVideo.Transforms;

/// <summary>Refuses saved video components written in a newer format than this MLVideo reads, with an error naming the component.</summary>
internal static class VideoModelFormat
{
    /// <summary>
    /// Throws <see cref="FormatException"/> when the component at <paramref name="ctx"/> was written by a newer MLVideo.
    /// ML.NET's own check says the same in terms of the ML.NET assembly version, which is not the version that matters here.
    /// </summary>
    public static void EnsureReadable(ModelLoadContext ctx, VersionInfo version, string component)
    {
        if (ctx.Header.ModelSignature == version.ModelSignature && ctx.Header.ModelVerReadable > version.VerWrittenCur)
            throw new FormatException(
                $"The model's {component} step was saved in format 0x{ctx.Header.ModelVerReadable:X8}, newer than this MLVideo reads " +
                $"(up to 0x{version.VerWrittenCur:X8}). Load it with the MLVideo version that saved it, or newer.");
    }
}
