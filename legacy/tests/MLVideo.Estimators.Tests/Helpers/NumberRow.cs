namespace MLVideo.Estimators.Tests.Helpers;

public sealed class NumberRow
{
    public float X { get; set; }

    public string Label { get; set; } = "";
}
