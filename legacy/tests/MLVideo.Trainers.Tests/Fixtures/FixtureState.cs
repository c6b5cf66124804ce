using MLVideo.Tensors;
using MLVideo.Tensors.Tests.Fixtures;

namespace MLVideo.Trainers.Tests.Fixtures;

/// <summary>Turns a fixture's <c>param.*</c> and <c>buffer.*</c> tensors into a state dict keyed by PyTorch names.</summary>
internal static class FixtureState
{
    /// <summary>Every <c>param.k</c> and <c>buffer.k</c> of the case as <c>k</c>, in file order (params first).</summary>
    public static OrderedDictionary<string, Tensor> Of(Fixture fixture, string keyPrefix = "")
    {
        var state = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (string name in fixture.Names)
        {
            if (name.StartsWith("param.", StringComparison.Ordinal)) state.Add(keyPrefix + name["param.".Length..], fixture.Get(name));
            else if (name.StartsWith("buffer.", StringComparison.Ordinal)) state.Add(keyPrefix + name["buffer.".Length..], fixture.Get(name));
        }
        return state;
    }

    /// <summary>(key, shape) of the case's <c>param.*</c> and <c>buffer.*</c> entries.</summary>
    public static List<(string Key, int[] Shape)> KeysAndShapes(Fixture fixture)
    {
        var list = new List<(string, int[])>();
        foreach (string name in fixture.Names)
        {
            if (name.StartsWith("param.", StringComparison.Ordinal)) list.Add((name["param.".Length..], fixture.ShapeOf(name)));
            else if (name.StartsWith("buffer.", StringComparison.Ordinal)) list.Add((name["buffer.".Length..], fixture.ShapeOf(name)));
        }
        return list;
    }
}
