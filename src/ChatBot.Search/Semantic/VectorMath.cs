using System.Numerics.Tensors;

namespace ChatBot.Search.Semantic;

/// <summary>Unit-length vectors and their cosine similarity (a dot product, once both have length 1).</summary>
public static class VectorMath
{
    public static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 1e-12f)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }

    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.Dot(a, b);
}
