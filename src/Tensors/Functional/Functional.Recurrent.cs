namespace MLVideo.Tensors;

// OWNER: norm/pool helper.
public static partial class Functional
{
    /// <summary>
    /// Single-layer GRU, batch first: input (N, T, I), h0 (1, N, H) or null for zeros; weights as PyTorch
    /// (<c>weight_ih_l0</c> [3H, I], <c>weight_hh_l0</c> [3H, H], gate rows ordered r, z, n). Returns output (N, T, H) and h_n (1, N, H).
    /// </summary>
    public static (Tensor Output, Tensor HN) Gru(Tensor input, Tensor? h0, Tensor weightIh, Tensor weightHh, Tensor? biasIh, Tensor? biasHh) => throw new NotImplementedException();
}
