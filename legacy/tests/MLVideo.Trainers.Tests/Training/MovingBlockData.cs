using MLVideo.Data;

namespace MLVideo.Trainers.Tests.Training;

/// <summary>
/// Tiny in-memory clips for trainer tests: a bright 4x4 block moving right (class "right") or left ("left") over
/// noise, 4 frames of 3x16x16 in the (views, T, C, H, W) layout of ExtractFramePixels. The two classes have the same
/// set of frames in opposite order, so only temporal modelling separates them.
/// </summary>
internal static class MovingBlockData
{
    public const int Frames = 4, Size = 16;

    public sealed class Row
    {
        [VectorType(1, Frames, 3, Size, Size)]
        public float[] Features { get; set; } = [];

        public string Label { get; set; } = "";
    }

    public static List<Row> Create(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<Row>(count);
        for (int i = 0; i < count; i++)
        {
            bool right = i % 2 == 0;
            int y = random.Next(0, Size - 4);
            var pixels = new float[Frames * 3 * Size * Size];
            for (int j = 0; j < pixels.Length; j++) pixels[j] = (float)(random.NextDouble() - 0.5) * 0.5f;
            for (int t = 0; t < Frames; t++)
            {
                int x = right ? 1 + 3 * t : 10 - 3 * t;   // both visit x = 1, 4, 7, 10
                for (int c = 0; c < 3; c++)
                for (int dy = 0; dy < 4; dy++)
                for (int dx = 0; dx < 4; dx++)
                    pixels[((t * 3 + c) * Size + y + dy) * Size + x + dx] = 2f;
            }
            rows.Add(new Row { Features = pixels, Label = right ? "right" : "left" });
        }
        return rows;
    }

    /// <summary>The rows as a data view with a key-typed Label (MapValueToKey fitted on the same rows).</summary>
    public static IDataView Load(MLVideoContext ml, int count, int seed)
    {
        var data = ml.Data.LoadFromEnumerable(Create(count, seed));
        return ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
    }
}
