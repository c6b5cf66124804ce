using MLVideo.Transforms;

namespace MLVideo;

/// <summary>The video transforms on <c>ml.Transforms</c>: load, sample, resize, crop, flip and extract pixels.</summary>
public static class VideoTransformsCatalog
{
    /// <summary>Probes the video at each path (a file or a frame folder) into a Video column.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output column (Video).</param>
    /// <param name="inputColumnName">Input column of text paths.</param>
    /// <param name="folder">Folder that relative paths are resolved against (default: the working directory).</param>
    /// <param name="options">ffmpeg locations, timeouts and frame-folder naming (default options when null).</param>
    /// <param name="frameOffsetColumnName">Optional Int32 column of frame-folder offsets (e.g. "FrameOffset" from <c>LoadFromAnnotationList</c>).</param>
    /// <param name="totalFramesColumnName">Optional Int32 column of listed frame counts (e.g. "TotalFrames"; 0 = count the files).</param>
    public static VideoTransformEstimator<LoadVideoTransformer> LoadVideo(this TransformsCatalog catalog, string outputColumnName = "Video",
        string inputColumnName = "VideoPath", string? folder = null, VideoBackendOptions? options = null, string? frameOffsetColumnName = null,
        string? totalFramesColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(new LoadVideoTransformer(outputColumnName, inputColumnName, folder, new VideoBackend(options), frameOffsetColumnName, totalFramesColumnName));
    }

    /// <summary>Samples frames (mmaction2 semantics, see <see cref="FrameSampling"/>) and decodes only them into a Clip column.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output column (Clip).</param>
    /// <param name="inputColumnName">Input Video column.</param>
    /// <param name="sampling">Segments, dense clips or uniform.</param>
    /// <param name="testMode">False (default): random training offsets; true: deterministic test-mode indices.</param>
    /// <param name="decodeShortSide">Decode at this short side, resized inside ffmpeg (0, default: native size).</param>
    /// <param name="cache">Optional cache: each video is decoded once, in full, at <paramref name="decodeShortSide"/>.</param>
    /// <param name="frameIndicesColumnName">Column for the chosen indices (default: output name + "FrameIndices").</param>
    /// <param name="options">ffmpeg locations and timeouts.</param>
    /// <param name="seed">Seed of the random offsets (default: drawn from the context).</param>
    public static VideoTransformEstimator<SampleFramesTransformer> SampleFrames(this TransformsCatalog catalog, string outputColumnName, string inputColumnName,
        FrameSampling sampling, bool testMode = false, int decodeShortSide = 0, IFrameCache? cache = null, string? frameIndicesColumnName = null,
        VideoBackendOptions? options = null, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(new SampleFramesTransformer(outputColumnName, inputColumnName, sampling, testMode, decodeShortSide, cache, frameIndicesColumnName,
            new VideoBackend(options), seed ?? catalog.Context.NextSeed()));
    }

    /// <summary>Resizes clip frames so their short side is <paramref name="shortSide"/> (aspect ratio kept, bilinear).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output Clip column.</param>
    /// <param name="shortSide">Target short side in pixels.</param>
    /// <param name="inputColumnName">Input Clip column (default: the output column).</param>
    public static VideoTransformEstimator<ResizeFramesTransformer> ResizeFrames(this TransformsCatalog catalog, string outputColumnName, int shortSide,
        string? inputColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(new ResizeFramesTransformer(outputColumnName, inputColumnName, shortSide, 0, 0));
    }

    /// <summary>Resizes clip frames to exactly <paramref name="width"/> x <paramref name="height"/> (bilinear).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output Clip column.</param>
    /// <param name="width">Target width.</param>
    /// <param name="height">Target height.</param>
    /// <param name="inputColumnName">Input Clip column (default: the output column).</param>
    public static VideoTransformEstimator<ResizeFramesTransformer> ResizeFrames(this TransformsCatalog catalog, string outputColumnName, int width, int height,
        string? inputColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(new ResizeFramesTransformer(outputColumnName, inputColumnName, 0, width, height));
    }

    /// <summary>Crops clip frames: centre, random, three, ten or TSN multi-scale (see <see cref="CropKind"/>).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output Clip column.</param>
    /// <param name="width">Crop width.</param>
    /// <param name="height">Crop height.</param>
    /// <param name="kind">Placement (default centre).</param>
    /// <param name="inputColumnName">Input Clip column (default: the output column).</param>
    /// <param name="scales">Multi-scale crop scales (default 1, 0.875, 0.75, 0.66).</param>
    /// <param name="maxAspectScaleGap">Multi-scale crop aspect gap (default 1).</param>
    /// <param name="seed">Seed of random positions (default: drawn from the context).</param>
    public static VideoTransformEstimator<CropFramesTransformer> CropFrames(this TransformsCatalog catalog, string outputColumnName, int width, int height,
        CropKind kind = CropKind.Center, string? inputColumnName = null, IReadOnlyList<double>? scales = null, int maxAspectScaleGap = 1, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(new CropFramesTransformer(outputColumnName, inputColumnName, width, height, kind, scales, maxAspectScaleGap, seed ?? catalog.Context.NextSeed()));
    }

    /// <summary>Mirrors clips horizontally with <paramref name="probability"/>; do not use for direction-sensitive labels.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output Clip column.</param>
    /// <param name="probability">Probability per row (default 0.5).</param>
    /// <param name="inputColumnName">Input Clip column (default: the output column).</param>
    /// <param name="seed">Seed of the coin flips (default: drawn from the context).</param>
    public static VideoTransformEstimator<FlipFramesTransformer> FlipFrames(this TransformsCatalog catalog, string outputColumnName, double probability = 0.5,
        string? inputColumnName = null, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(new FlipFramesTransformer(outputColumnName, inputColumnName, probability, seed ?? catalog.Context.NextSeed()));
    }

    /// <summary>Converts a clip into a normalised float vector (views, T, C, H, W) or (views, C, T, H, W).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output column (Vector&lt;Single&gt;).</param>
    /// <param name="inputColumnName">Input Clip column.</param>
    /// <param name="normalization">Mean/std (default <see cref="FrameNormalization.ImageNet"/>).</param>
    /// <param name="layout">Axis order (default (T, C, H, W)).</param>
    public static VideoTransformEstimator<ExtractFramePixelsTransformer> ExtractFramePixels(this TransformsCatalog catalog, string outputColumnName = "Features",
        string inputColumnName = "Clip", FrameNormalization? normalization = null, PixelLayout layout = PixelLayout.TCHW)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(new ExtractFramePixelsTransformer(outputColumnName, inputColumnName, normalization ?? FrameNormalization.ImageNet, layout));
    }
}
