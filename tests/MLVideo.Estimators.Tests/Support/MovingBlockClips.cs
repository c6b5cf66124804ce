using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLVideo.Estimators.Tests.Support;

/// <summary>
/// In-memory clip rows for trainer tests: a bright block moves left or right across noisy frames, so the class
/// depends only on the order of the frames (a single frame says nothing about it). Rows carry a text label and a
/// clip column typed Vector&lt;Single, T, C, H, W&gt;, as ExtractFramePixels writes it.
/// </summary>
public static class MovingBlockClips
{
    public const int Frames = 4;
    public const int Channels = 3;
    public const int Size = 16;

    public sealed class Row
    {
        public string Label { get; set; } = "";
        public float[] Features { get; set; } = [];
    }

    public static Row[] Make(int perClass, int seed)
    {
        var random = new Random(seed);
        var rows = new List<Row>();
        for (int i = 0; i < perClass; i++)
        {
            rows.Add(new Row { Label = "MoveRight", Features = Clip(random, +1) });
            rows.Add(new Row { Label = "MoveLeft", Features = Clip(random, -1) });
        }
        return rows.ToArray();
    }

    public static IDataView Load(MLContext ml, IEnumerable<Row> rows)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Frames, Channels, Size, Size);
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    private static float[] Clip(Random random, int direction)
    {
        var clip = new float[Frames * Channels * Size * Size];
        int block = 4, y0 = random.Next(0, Size - block), start = direction > 0 ? random.Next(0, 3) : random.Next(Size - block - 3, Size - block + 1);
        for (int t = 0; t < Frames; t++)
        {
            int x0 = Math.Clamp(start + direction * 3 * t, 0, Size - block);
            for (int c = 0; c < Channels; c++)
                for (int y = 0; y < Size; y++)
                    for (int x = 0; x < Size; x++)
                    {
                        bool inside = y >= y0 && y < y0 + block && x >= x0 && x < x0 + block;
                        clip[((t * Channels + c) * Size + y) * Size + x] = (inside ? 1.5f : 0f) + (float)(random.NextDouble() - 0.5) * 0.4f;
                    }
        }
        return clip;
    }
}
