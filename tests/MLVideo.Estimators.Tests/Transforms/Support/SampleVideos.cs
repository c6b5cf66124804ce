using MLVideo.Transforms.Synthetic;

namespace MLVideo.Estimators.Tests.Transforms.Support;

/// <summary>
/// Video folders for the pipeline tests: generated mp4 clips (rendered synthetic actions, encoded with the ffmpeg program) and
/// the real sample videos of shared/data/videos, found by walking up from the test output. Missing inputs fail the test.
/// </summary>
internal static class SampleVideos
{
    private static readonly Lazy<string> Shared = new(FindSharedFolder);

    /// <summary>The shared sample-video folder (shared/data/videos).</summary>
    public static string SharedFolder => Shared.Value;

    /// <summary>mmaction2's test frame folder (img_00001..10.jpg, 320x240).</summary>
    public static string RawFrames => Path.Combine(SharedFolder, "rawframes", "mmaction2_imgs");

    /// <summary>mmaction2 list files and label maps.</summary>
    public static string Annotations => Path.Combine(SharedFolder, "annotations");

    /// <summary>A real sample video by file name.</summary>
    public static string PathOf(string file)
    {
        string path = Path.Combine(SharedFolder, file);
        if (!File.Exists(path)) Assert.Fail($"Sample video '{file}' is missing from '{SharedFolder}'.");
        return path;
    }

    /// <summary>
    /// A folder per class of generated mp4 videos: MoveLeft and MoveRight, <paramref name="perClass"/> each, 64x48 pixels,
    /// 20 frames. Deleted by the caller.
    /// </summary>
    public static string GenerateClassFolders(int perClass = 2, int frames = 20)
    {
        string root = NewTempFolder();
        SyntheticActionDataset.Generate(root, new SyntheticDatasetOptions
        {
            Actions = [SyntheticAction.MoveLeft, SyntheticAction.MoveRight],
            VideosPerClass = perClass,
            FramesPerVideo = frames,
            Width = 64,
            Height = 48,
            Seed = 3,
        });
        return root;
    }

    /// <summary>A folder per class of real sample videos: clapping (2 videos), waving (2 videos, one a webm with a space in its name).</summary>
    public static string CopyRealClassFolders()
    {
        string root = NewTempFolder();
        Directory.CreateDirectory(Path.Combine(root, "clapping"));
        Directory.CreateDirectory(Path.Combine(root, "waving"));
        File.Copy(PathOf("filescraper_valid__h264_aac.mp4"), Path.Combine(root, "clapping", "a.mp4"));
        File.Copy(PathOf("imageio_realshort.mp4"), Path.Combine(root, "clapping", "b.mp4"));
        File.Copy(PathOf("mmaction2_rawvideo_part_0.mp4"), Path.Combine(root, "waving", "c.mp4"));
        File.Copy(PathOf("moviepy_bbb_432_433.webm"), Path.Combine(root, "waving", "d clip.webm"));
        return root;
    }

    /// <summary>A fresh temporary folder.</summary>
    public static string NewTempFolder()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mlvideo-estimator-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindSharedFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data", "videos");
            if (Directory.Exists(candidate)) return candidate;
        }
        Assert.Fail($"The sample videos are missing: no folder 'shared/data/videos' was found above '{AppContext.BaseDirectory}'.");
        return "";
    }
}
