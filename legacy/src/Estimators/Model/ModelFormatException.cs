namespace MLVideo.Model;

/// <summary>A model file cannot be read: not a zip, truncated, corrupted, unsafe, foreign, or with unknown steps.</summary>
public sealed class ModelFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ModelFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
