namespace MLVideo.Trainers.Weights;

/// <summary>A safetensors file (or stream) is truncated, malformed, or holds an element type we do not read.</summary>
public sealed class SafeTensorsFormatException : IOException
{
    /// <summary>Creates the exception; the message starts with the file name.</summary>
    public SafeTensorsFormatException(string fileName, string fault, Exception? inner = null)
        : base($"{fileName}: not a valid safetensors file: {fault}", inner)
    {
        FileName = fileName;
        Fault = fault;
    }

    /// <summary>The file (or stream name) that was read.</summary>
    public string FileName { get; }

    /// <summary>What is wrong with it.</summary>
    public string Fault { get; }
}
