using MLVideo.Tensors;
using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Methods;

namespace MLVideo.Trainers.Tests.Methods;

/// <summary>The models train end to end (train-mode BN, dropout, backward through every method's module).</summary>
[TestClass]
public sealed class VideoClassifierTrainingTests
{
    [TestMethod]
    [DataRow(VideoMethod.Tsn)]
    [DataRow(VideoMethod.Tsm)]
    [DataRow(VideoMethod.Gsf)]
    public void Train_TinyModelOnFourClips_LossFalls(VideoMethod method)
    {
        using var model = VideoModelFactory.Create(new VideoModelOptions
        {
            Method = method, Backbone = Backbone.ResNet18, WidthMultiplier = 0.125, NumClasses = 4, NumSegments = 4, Dropout = 0f, Seed = 1,
        });
        model.Train();
        var clips = Tensor.Randn([4, 3, 4, 32, 32], new Generator(2));
        int[] labels = [0, 1, 2, 3];
        // new_fc starts at N(0, 0.001), so the first loss is ~ln 4.
        float first = 0, last = 0;
        for (int step = 0; step < 15; step++)
        {
            using var scope = TensorScope.Begin();
            var loss = Functional.CrossEntropy(model.Forward(clips), labels);
            if (step == 0) first = loss.Item();
            last = loss.Item();
            model.ZeroGrad();
            loss.Backward();
            foreach (var p in model.Parameters())
                if (p.Grad is not null)
                {
                    var data = p.Data;
                    var grad = p.Grad.Data;
                    for (int i = 0; i < data.Length; i++) data[i] -= 0.1f * grad[i];
                }
        }
        Assert.AreEqual(Math.Log(4), first, 0.05, "initial loss");
        Assert.IsTrue(last < 0.5 * first, $"{method}: loss {first:F3} -> {last:F3} after 15 SGD steps");
    }
}
