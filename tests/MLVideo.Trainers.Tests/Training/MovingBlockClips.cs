using MLVideo.Trainers.Training;

namespace MLVideo.Trainers.Tests.Training;

/// <summary>
/// Synthetic clips where only motion tells the class: a bright 4x4 block moving right (class 0) or left (class 1) over
/// noise, 4 frames of 3x16x16 in (T, C, H, W). Both classes visit the same positions, in opposite order.
/// </summary>
internal static class MovingBlockClips
{
    public const int Frames = 4, Channels = 3, Size = 16;

    public static InMemoryClipBatchSource Create(int count, int seed)
    {
        var random = new Random(seed);
        var clips = new List<float[]>(count);
        var labels = new List<long>(count);
        for (int i = 0; i < count; i++)
        {
            bool right = i % 2 == 0;
            int y = random.Next(0, Size - 4);
            var pixels = new float[Frames * Channels * Size * Size];
            for (int j = 0; j < pixels.Length; j++) pixels[j] = (float)(random.NextDouble() - 0.5) * 0.5f;
            for (int t = 0; t < Frames; t++)
            {
                int x = right ? 1 + 3 * t : 10 - 3 * t;   // both visit x = 1, 4, 7, 10
                for (int c = 0; c < Channels; c++)
                for (int dy = 0; dy < 4; dy++)
                for (int dx = 0; dx < 4; dx++)
                    pixels[((t * Channels + c) * Size + y + dy) * Size + x + dx] = 2f;
            }
            clips.Add(pixels);
            labels.Add(right ? 0 : 1);
        }
        return new InMemoryClipBatchSource(clips, labels, [Frames, Channels, Size, Size]);
    }
}
