namespace MLVideo.Tensors.Serialization;

/// <summary>One tensor of a safetensors file: its dtype, shape and raw little-endian bytes.</summary>
public sealed class SafeTensorsEntry
{
    internal SafeTensorsEntry(string name, string dtype, int[] shape, byte[] bytes)
    {
        Name = name;
        Dtype = dtype;
        Shape = shape;
        Bytes = bytes;
    }

    /// <summary>The tensor's key (e.g. <c>layer1.0.conv1.weight</c>).</summary>
    public string Name { get; }

    /// <summary>The safetensors dtype string (<c>F32</c>, <c>I64</c>, <c>F16</c>, ...).</summary>
    public string Dtype { get; }

    /// <summary>The shape ([] for a 0-d scalar).</summary>
    public int[] Shape { get; }

    /// <summary>The raw data bytes.</summary>
    public byte[] Bytes { get; }

    /// <summary>The values as a float32 tensor (F32 copied; F64, F16, BF16, I64, I32, I8, U8, BOOL converted).</summary>
    public Tensor ToTensor()
    {
        var t = new Tensor(Shape);
        SafeTensorsDtype.Decode(Dtype, Bytes, t.Data, Name);
        return t;
    }

    /// <summary>The values as 64-bit integers (I64/I32/U8/BOOL copied; floats truncated).</summary>
    public long[] ToInt64()
    {
        int n = ShapeHelper.Count(Shape);
        var result = new long[n];
        switch (Dtype)
        {
            case "I64":
                for (int i = 0; i < n; i++) result[i] = BitConverter.ToInt64(Bytes, i * 8);
                break;
            case "I32":
                for (int i = 0; i < n; i++) result[i] = BitConverter.ToInt32(Bytes, i * 4);
                break;
            case "U8" or "BOOL":
                for (int i = 0; i < n; i++) result[i] = Bytes[i];
                break;
            default:
                var floats = new float[n];
                SafeTensorsDtype.Decode(Dtype, Bytes, floats, Name);
                for (int i = 0; i < n; i++) result[i] = (long)floats[i];
                break;
        }
        return result;
    }
}
