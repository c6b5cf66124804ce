namespace MLVideo.Estimators.Tests.Catalogs;

[TestClass]
public sealed class MLVideoContextTests
{
    [TestMethod]
    public void Constructor_Always_ExposesEveryCatalog()
    {
        var ml = new MLVideoContext(seed: 1);
        Assert.IsNotNull(ml.Data);
        Assert.IsNotNull(ml.Transforms);
        Assert.IsNotNull(ml.Transforms.Conversion);
        Assert.IsNotNull(ml.MulticlassClassification);
        Assert.IsNotNull(ml.MulticlassClassification.Trainers);
        Assert.IsNotNull(ml.Model);
        Assert.IsNotNull(ml.Auto());
    }

    [TestMethod]
    public void Log_WriteLog_RaisesFormattedMessageWithKindAndSource()
    {
        var ml = new MLVideoContext(seed: 1);
        var messages = new List<LoggingEventArgs>();
        ml.Log += (_, e) => messages.Add(e);
        ml.WriteLog(ChannelMessageKind.Warning, "Unit", "hello 1");
        Assert.HasCount(1, messages);
        Assert.AreEqual(ChannelMessageKind.Warning, messages[0].Kind);
        Assert.AreEqual("Unit", messages[0].Source);
        Assert.AreEqual("hello 1", messages[0].RawMessage);
        Assert.AreEqual("[Source=Unit, Kind=Warning] hello 1", messages[0].Message);
    }

    [TestMethod]
    public void NextSeed_SameSeed_SameSequence()
    {
        var a = new MLVideoContext(seed: 7);
        var b = new MLVideoContext(seed: 7);
        var c = new MLVideoContext(seed: 8);
        int[] sa = [a.NextSeed(), a.NextSeed()], sb = [b.NextSeed(), b.NextSeed()], sc = [c.NextSeed(), c.NextSeed()];
        CollectionAssert.AreEqual(sa, sb);
        CollectionAssert.AreNotEqual(sa, sc);
    }
}
