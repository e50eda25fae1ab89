using System.Globalization;
using System.Security.Cryptography;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>The provider's comparison decision.</summary>
internal enum CeidMatchDecision
{
    /// <summary>An unknown value: treated as a protocol error.</summary>
    Unknown = 0,

    /// <summary>The live face matches the reference photo.</summary>
    Match = 1,

    /// <summary>The live face does not match the reference photo.</summary>
    NoMatch = 2,

    /// <summary>There is no reference photo for the IIN.</summary>
    ReferenceNotFound = 3,
}
