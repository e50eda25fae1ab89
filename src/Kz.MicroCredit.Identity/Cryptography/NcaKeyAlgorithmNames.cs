namespace Kz.MicroCredit.Identity.Cryptography;

#pragma warning disable CA1707 // The names Gost2015_512/Gost2015_256 are the agreed API (they mirror the standard's key sizes).
/// <summary>Names of <see cref="NcaKeyAlgorithm"/> as the <c>kzid</c> command line and configuration files spell them.</summary>
public static class NcaKeyAlgorithmNames
{
    /// <summary>The name of <see cref="NcaKeyAlgorithm.Rsa"/>.</summary>
    public const string Rsa = "RSA";

    /// <summary>The name of <see cref="NcaKeyAlgorithm.Gost2004"/>.</summary>
    public const string Gost2004 = "GOST34310-2004";

    /// <summary>The name of <see cref="NcaKeyAlgorithm.Gost2015_512"/>.</summary>
    public const string Gost2015_512 = "GOST3410-2015-512";

    /// <summary>The name of <see cref="NcaKeyAlgorithm.Gost2015_256"/>.</summary>
    public const string Gost2015_256 = "GOST3410-2015-256";

    /// <summary>Returns the command-line name of an algorithm ("RSA", "GOST34310-2004", "GOST3410-2015-512", "GOST3410-2015-256").</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <returns>Its name.</returns>
    public static string ToCliName(this NcaKeyAlgorithm algorithm) => algorithm switch
    {
        NcaKeyAlgorithm.Rsa => Rsa,
        NcaKeyAlgorithm.Gost2004 => Gost2004,
        NcaKeyAlgorithm.Gost2015_512 => Gost2015_512,
        NcaKeyAlgorithm.Gost2015_256 => Gost2015_256,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Parses a command-line algorithm name (case-insensitive).</summary>
    /// <param name="name">The name.</param>
    /// <param name="algorithm">The algorithm when the name is known.</param>
    /// <returns><see langword="true"/> when the name is known.</returns>
    public static bool TryParseCliName(string? name, out NcaKeyAlgorithm algorithm)
    {
        foreach (NcaKeyAlgorithm candidate in Enum.GetValues<NcaKeyAlgorithm>())
        {
            if (string.Equals(candidate.ToCliName(), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                algorithm = candidate;
                return true;
            }
        }

        algorithm = default;
        return false;
    }
}
#pragma warning restore CA1707
