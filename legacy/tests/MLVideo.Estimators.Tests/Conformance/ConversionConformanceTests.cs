using MLVideo.Data;
using MLVideo.Estimators.Tests.Helpers;

namespace MLVideo.Estimators.Tests.Conformance;

[TestClass]
public sealed class ConversionConformanceTests
{
    private static readonly MLVideoContext Ml = new(seed: 1);

    private static IDataView Valid() => Ml.Data.LoadFromEnumerable(new[]
    {
        new ClipRow { Label = "run", Features = [1, 2, 3] },
        new ClipRow { Label = "jump", Features = [4, 5, 6] },
    });

    private static IDataView Invalid() => Ml.Data.LoadFromEnumerable(new[] { new VectorRow { Values = new float[6] } });

    [TestMethod]
    public void MapValueToKey_Conformance()
    {
        EstimatorConformance.Check(Ml, Ml.Transforms.Conversion.MapValueToKey("Key", "Label"), Valid(), Invalid());
    }

    [TestMethod]
    public void MapKeyToValue_Conformance()
    {
        var keyed = Ml.Transforms.Conversion.MapValueToKey("Key", "Label").Fit(Valid()).Transform(Valid());
        EstimatorConformance.Check(Ml, Ml.Transforms.Conversion.MapKeyToValue("Back", "Key"), keyed, Invalid());
    }

    [TestMethod]
    public void Chain_Conformance()
    {
        var chain = Ml.Transforms.Conversion.MapValueToKey("Key", "Label").Append(Ml.Transforms.Conversion.MapKeyToValue("Back", "Key"));
        EstimatorConformance.Check(Ml, chain, Valid(), Invalid());
    }
}
