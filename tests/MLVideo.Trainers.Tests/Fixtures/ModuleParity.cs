using MLVideo.Trainers.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Tests.Fixtures;

/// <summary>
/// Runs an official-module case through a module: loads <c>param.*</c>/<c>buffer.*</c> strictly (through our
/// importer), sets train/eval from the config, feeds <c>in.x</c>, back-propagates <c>gout.y</c>, and checks
/// <c>out.y</c>, <c>grad.in.x</c>, every <c>grad.param.*</c> and, in train mode, every <c>buffer_after.*</c>.
/// </summary>
internal static class ModuleParity
{
    public static void Check(FixtureCase fixture, nn.Module<Tensor, Tensor> module)
    {
        using var scope = torch.NewDisposeScope();
        StateDictImporter.Import(module, fixture.StateDict(), fixture.Name, strict: true);
        module.train(fixture.IsTrainMode);

        var x = fixture.Get("in.x").requires_grad_();
        var y = module.call(x);
        fixture.AssertClose("out.y", y);
        y.backward([fixture.Get("gout.y")]);
        fixture.AssertClose("grad.in.x", x.grad!);

        var parameters = module.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        int checkedGrads = 0;
        foreach (string name in fixture.Names.Where(n => n.StartsWith("grad.param.", StringComparison.Ordinal)))
        {
            string key = name["grad.param.".Length..];
            Assert.IsTrue(parameters.TryGetValue(key, out var p), $"{fixture.Name}: the module has no parameter {key}");
            Assert.IsNotNull(p!.grad, $"{fixture.Name}: no gradient for {key}");
            fixture.AssertClose(name, p.grad!);
            checkedGrads++;
        }
        Assert.AreEqual(parameters.Count, checkedGrads, $"{fixture.Name}: every parameter has a reference gradient");

        var buffers = module.named_buffers().ToDictionary(b => b.name, b => b.buffer);
        var after = fixture.Names.Where(n => n.StartsWith("buffer_after.", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(fixture.IsTrainMode, after.Count > 0, $"{fixture.Name}: buffer_after.* present iff train mode");
        foreach (string name in after)
        {
            string key = name["buffer_after.".Length..];
            if (key.EndsWith("num_batches_tracked", StringComparison.Ordinal))
                Assert.AreEqual(fixture.Get(name).item<long>(), buffers[key].item<long>(), $"{fixture.Name}: {key}");
            else
                fixture.AssertClose(name, buffers[key]);
        }
    }
}
