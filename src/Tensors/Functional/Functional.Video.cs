namespace MLVideo.Tensors;

// OWNER: shape-ops helper.
public static partial class Functional
{
    /// <summary>
    /// TSM's temporal shift of (N*T, C, H, W): channels [0, C/foldDiv) take frame t+1, the next C/foldDiv take
    /// frame t-1, zero-filled at the clip ends; the rest unchanged (Lin et al., ICCV 2019).
    /// </summary>
    public static Tensor TemporalShift(Tensor input, int numSegments, int foldDiv = 8) => throw new NotImplementedException();
}
