using MLVideo.Tensors;
using MLVideo.Tensors.Nn;
using MLVideo.Tensors.Tests.Fixtures;

namespace MLVideo.Trainers.Tests.Fixtures;

/// <summary>
/// Runs one official-module fixture (README "Official modules") through a module: loads <c>param.*</c>/<c>buffer.*</c>,
/// sets train/eval mode from the case config, and checks <c>out.y</c>, <c>grad.in.x</c>, every <c>grad.param.*</c>
/// and (train mode) every <c>buffer_after.*</c> with the case tolerances.
/// </summary>
internal static class ModuleParity
{
    public static void Check(Fixture f, Module module)
    {
        module.LoadStateDict(FixtureState.Of(f));
        bool train = f.Config.GetProperty("mode").GetString() == "train";
        module.Train(train);

        var x = f.Get("in.x").RequiresGrad_();
        var y = module.Forward(x);
        f.AssertClose("out.y", y);
        y.Backward(f.Get("gout.y"));
        f.AssertClose("grad.in.x", x.Grad!);
        int grads = 0;
        foreach (string name in f.Names.Where(n => n.StartsWith("grad.param.", StringComparison.Ordinal)))
        {
            var p = module.GetParameter(name["grad.param.".Length..]);
            Assert.IsNotNull(p.Grad, $"{f.Name}: no gradient for {name}");
            f.AssertClose(name, p.Grad!);
            grads++;
        }
        Assert.AreEqual(module.Parameters().Count(), grads, $"{f.Name}: every parameter has a reference gradient");
        foreach (string name in f.Names.Where(n => n.StartsWith("buffer_after.", StringComparison.Ordinal)))
            f.AssertClose(name, module.GetBuffer(name["buffer_after.".Length..]));
        Assert.AreEqual(train, f.Names.Any(n => n.StartsWith("buffer_after.", StringComparison.Ordinal)), $"{f.Name}: buffer_after.* present iff train mode");
    }
}
