using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLVideo.Transforms;
using MLVideo.Transforms.Decoding;
using MLVideo.Transforms.FrameOps;
using MLVideo.Transforms.Throughput;

namespace MLVideo;

/// <summary>The video transforms on <c>ml.Transforms</c>: load, sample, resize, crop, flip and extract pixels.</summary>
/// <remarks>
/// A typical chain: <c>LoadVideo("Video", "VideoPath")</c>, <c>SampleFrames("Clip", "Video", FrameSampling.Segments(8))</c>,
/// <c>ResizeFrames("Clip", shortSide: 128)</c>, <c>CropFrames("Clip", 112, 112)</c>, <c>ExtractFramePixels("Features", "Clip",
/// FrameNormalization.ImageNet)</c>, whose Features column is <c>VectorDataViewType(Single, 8, 3, 112, 112)</c>.
/// Nothing is decoded until a cursor reads a clip, and each row is decoded once.
/// </remarks>
public static class VideoTransformsCatalog
{
    /// <summary>Probes the video at each path (a file or a frame folder) into a Video column (<see cref="Data.VideoDataViewType"/>).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output column of probed videos.</param>
    /// <param name="inputColumnName">Input text column of paths.</param>
    /// <param name="folder">Folder that relative paths are resolved against (default: the working directory).</param>
    /// <param name="options">Timeouts and frame-folder naming (default options when null).</param>
    /// <param name="frameOffsetColumnName">Optional Int32 column of frame-folder offsets (e.g. "FrameOffset" from <c>LoadFromVideoList</c>).</param>
    /// <param name="totalFramesColumnName">Optional Int32 column of listed frame counts (e.g. "TotalFrames"; 0 = count the files).</param>
    public static VideoTransformEstimator<LoadVideoTransformer> LoadVideo(this TransformsCatalog catalog, string outputColumnName = "Video",
        string inputColumnName = "VideoPath", string? folder = null, VideoBackendOptions? options = null, string? frameOffsetColumnName = null,
        string? totalFramesColumnName = null)
    {
        IHostEnvironment env = Environment(catalog);
        return new(env, new LoadVideoTransformer(env, outputColumnName, inputColumnName, folder, options ?? VideoBackendOptions.Default,
            frameOffsetColumnName, totalFramesColumnName));
    }

    /// <summary>Samples frames (mmaction2 semantics, see <see cref="FrameSampling"/>) and decodes only them into a Clip column.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output Clip column; a second output, <paramref name="frameIndicesColumnName"/>, holds the chosen indices.</param>
    /// <param name="inputColumnName">Input Video column (from <see cref="LoadVideo"/>).</param>
    /// <param name="sampling">TSN segments, dense clips (several clips give several test views) or uniform.</param>
    /// <param name="testMode">False (default): random training offsets, new every pass; true: deterministic test-mode indices.</param>
    /// <param name="decodeShortSide">Decode at this short side, resized inside ffmpeg (0, default: native size).</param>
    /// <param name="minimumFrames">Videos with fewer frames throw <see cref="InvalidVideoException"/> (default 1).</param>
    /// <param name="cache">Optional cache: each video is decoded once, in full, at <paramref name="decodeShortSide"/>.</param>
    /// <param name="frameIndicesColumnName">Column for the chosen indices (default: output name + "FrameIndices").</param>
    /// <param name="options">Timeouts and frame-folder naming (default options when null).</param>
    /// <param name="seed">Seed of the random offsets (default: drawn from the context's seed).</param>
    public static VideoTransformEstimator<SampleFramesTransformer> SampleFrames(this TransformsCatalog catalog, string outputColumnName, string inputColumnName,
        FrameSampling sampling, bool testMode = false, int decodeShortSide = 0, int minimumFrames = 1, IFrameCache? cache = null,
        string? frameIndicesColumnName = null, VideoBackendOptions? options = null, int? seed = null)
    {
        IHostEnvironment env = Environment(catalog);
        return new(env, new SampleFramesTransformer(env, outputColumnName, inputColumnName, sampling, testMode, decodeShortSide, minimumFrames, cache,
            frameIndicesColumnName, options ?? VideoBackendOptions.Default, seed ?? NextSeed(env, nameof(SampleFrames))));
    }

    /// <summary>Resizes clip frames so their short side is <paramref name="shortSide"/> (aspect ratio kept, bilinear).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output Clip column.</param>
    /// <param name="shortSide">Target short side in pixels.</param>
    /// <param name="inputColumnName">Input Clip column (default: the output column).</param>
    public static VideoTransformEstimator<ResizeFramesTransformer> ResizeFrames(this TransformsCatalog catalog, string outputColumnName, int shortSide,
        string? inputColumnName = null)
    {
        IHostEnvironment env = Environment(catalog);
        return new(env, new ResizeFramesTransformer(env, outputColumnName, inputColumnName ?? outputColumnName, shortSide, 0, 0));
    }

    /// <summary>Resizes clip frames to exactly <paramref name="width"/> x <paramref name="height"/> (bilinear).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output Clip column.</param>
    /// <param name="width">Target width in pixels.</param>
    /// <param name="height">Target height in pixels.</param>
    /// <param name="inputColumnName">Input Clip column (default: the output column).</param>
    public static VideoTransformEstimator<ResizeFramesTransformer> ResizeFrames(this TransformsCatalog catalog, string outputColumnName, int width, int height,
        string? inputColumnName = null)
    {
        IHostEnvironment env = Environment(catalog);
        return new(env, new ResizeFramesTransformer(env, outputColumnName, inputColumnName ?? outputColumnName, 0, width, height));
    }

    /// <summary>Crops clip frames: centre, random, three, ten or TSN multi-scale (see <see cref="CropKind"/>).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output Clip column.</param>
    /// <param name="width">Crop width in pixels.</param>
    /// <param name="height">Crop height in pixels.</param>
    /// <param name="kind">Placement (default centre). Three and ten crop multiply the views of each row.</param>
    /// <param name="inputColumnName">Input Clip column (default: the output column).</param>
    /// <param name="scales">Multi-scale crop scales of the short side (default 1, 0.875, 0.75, 0.66).</param>
    /// <param name="maxAspectScaleGap">Multi-scale crop: largest gap between the width and height scale indices (default 1).</param>
    /// <param name="seed">Seed of random positions (default: drawn from the context's seed).</param>
    public static VideoTransformEstimator<CropFramesTransformer> CropFrames(this TransformsCatalog catalog, string outputColumnName, int width, int height,
        CropKind kind = CropKind.Center, string? inputColumnName = null, IReadOnlyList<double>? scales = null, int maxAspectScaleGap = 1, int? seed = null)
    {
        IHostEnvironment env = Environment(catalog);
        return new(env, new CropFramesTransformer(env, outputColumnName, inputColumnName ?? outputColumnName, width, height, kind, scales, maxAspectScaleGap,
            seed ?? NextSeed(env, nameof(CropFrames))));
    }

    /// <summary>Mirrors clips horizontally with <paramref name="probability"/>; do not use it for labels that depend on direction.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output Clip column.</param>
    /// <param name="probability">Probability per row (default 0.5).</param>
    /// <param name="inputColumnName">Input Clip column (default: the output column).</param>
    /// <param name="seed">Seed of the coin flips (default: drawn from the context's seed).</param>
    public static VideoTransformEstimator<FlipFramesTransformer> FlipFrames(this TransformsCatalog catalog, string outputColumnName, double probability = 0.5,
        string? inputColumnName = null, int? seed = null)
    {
        IHostEnvironment env = Environment(catalog);
        return new(env, new FlipFramesTransformer(env, outputColumnName, inputColumnName ?? outputColumnName, probability, seed ?? NextSeed(env, nameof(FlipFrames))));
    }

    /// <summary>Converts a clip into a normalised Single vector (T, C, H, W), with a leading view dimension when a row holds several views.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output column, <c>VectorDataViewType(Single, [V,] T, C, H, W)</c>.</param>
    /// <param name="inputColumnName">Input Clip column.</param>
    /// <param name="normalization">Per-channel mean and std (default <see cref="FrameNormalization.ImageNet"/>).</param>
    /// <param name="layout">Axis order of a view (default (T, C, H, W); <see cref="PixelLayout.CTHW"/> for 3D backbones).</param>
    public static VideoTransformEstimator<ExtractFramePixelsTransformer> ExtractFramePixels(this TransformsCatalog catalog, string outputColumnName = "Features",
        string inputColumnName = "Clip", FrameNormalization? normalization = null, PixelLayout layout = PixelLayout.TCHW)
    {
        IHostEnvironment env = Environment(catalog);
        return new(env, new ExtractFramePixelsTransformer(env, outputColumnName, inputColumnName, normalization ?? FrameNormalization.ImageNet, layout));
    }

    private static IHostEnvironment Environment(TransformsCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.GetEnvironment();
    }

    /// <summary>A seed from the context's random source: repeatable for <c>new MLContext(seed: n)</c> and the same call order.</summary>
    private static int NextSeed(IHostEnvironment env, string component) => env.Register(component).Rand.Next();
}
