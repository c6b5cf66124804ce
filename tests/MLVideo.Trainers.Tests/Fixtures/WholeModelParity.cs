using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Tests.Fixtures;

/// <summary>
/// Runs a whole-model case (eval mode): <c>out.logits</c> element-wise, <c>grad.in.x</c> element-wise or by relative
/// L2 (README section 4: a near-zero ReLU may flip between implementations).
/// </summary>
internal static class WholeModelParity
{
    public static void Check(FixtureCase fixture, nn.Module<Tensor, Tensor> model)
    {
        using var scope = torch.NewDisposeScope();
        model.eval();
        var x = fixture.Get("in.x").requires_grad_();
        var logits = model.call(x);
        fixture.AssertClose("out.logits", logits);
        logits.backward([fixture.Get("gout.logits")]);
        Console.WriteLine($"{fixture.Name}: relative L2 error of out.logits {fixture.RelativeL2("out.logits", logits):G3}, of grad.in.x {fixture.RelativeL2("grad.in.x", x.grad!):G3}");
        fixture.AssertCloseOrRelativeL2("grad.in.x", x.grad!);
    }

    /// <summary>Asserts the model's (key, shape) lists equal the fixture's <c>param.*</c> and <c>buffer.*</c> lists, in order.</summary>
    public static void AssertSameKeys(FixtureCase fixture, nn.Module model)
    {
        var parameters = model.named_parameters().Select(p => Describe(p.name, p.parameter.shape)).ToList();
        var buffers = model.named_buffers().Select(b => Describe(b.name, b.buffer.shape)).ToList();
        CollectionAssert.AreEqual(fixture.KeysAndShapes("param.").Select(k => Describe(k.Key, k.Shape)).ToList(), parameters, $"{fixture.Name}: parameter keys and shapes");
        CollectionAssert.AreEqual(fixture.KeysAndShapes("buffer.").Select(k => Describe(k.Key, k.Shape)).ToList(), buffers, $"{fixture.Name}: buffer keys and shapes");
    }

    public static string Describe(string key, long[] shape) => $"{key} [{string.Join(", ", shape)}]";
}
