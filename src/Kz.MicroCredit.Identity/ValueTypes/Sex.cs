using System.Diagnostics.CodeAnalysis;

namespace Kz.MicroCredit.Identity;

/// <summary>Sex as encoded in digit 7 of an IIN.</summary>
public enum Sex
{
    /// <summary>Odd digit 7.</summary>
    Male,

    /// <summary>Even digit 7.</summary>
    Female,
}
