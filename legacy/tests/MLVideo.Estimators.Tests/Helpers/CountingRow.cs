using MLVideo.Data;

namespace MLVideo.Estimators.Tests.Helpers;

/// <summary>A row whose property reads are counted, to prove which columns a cursor computes.</summary>
public sealed class CountingRow
{
    private float _x;
    private string _name = "";

    [NoColumn]
    public int XReads;
    [NoColumn]
    public int NameReads;

    public float X
    {
        get { XReads++; return _x; }
        set => _x = value;
    }

    public string Name
    {
        get { NameReads++; return _name; }
        set => _name = value;
    }

    [NoColumn]
    public int TotalReads => XReads + NameReads;
}
