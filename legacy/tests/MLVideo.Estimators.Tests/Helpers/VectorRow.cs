using MLVideo.Data;

namespace MLVideo.Estimators.Tests.Helpers;

public sealed class VectorRow
{
    [ColumnName("Features"), VectorType(2, 3)]
    public float[] Values { get; set; } = [];

    [KeyType(4)]
    public uint Key { get; set; }

    public bool Flag;

    public int Count;

    public long Big;

    public string[] Tags { get; set; } = [];
}
