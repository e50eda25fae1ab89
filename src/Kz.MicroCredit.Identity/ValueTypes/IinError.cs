using System.Diagnostics.CodeAnalysis;

namespace Kz.MicroCredit.Identity;

/// <summary>Why a text is not a valid IIN or BIN.</summary>
public enum IinError
{
    /// <summary>The number is valid.</summary>
    None,

    /// <summary>Nothing was given.</summary>
    Empty,

    /// <summary>Not exactly twelve characters.</summary>
    WrongLength,

    /// <summary>A character is not a digit 0–9.</summary>
    NotDigits,

    /// <summary>Digit 7 (century and sex) is not 1–6.</summary>
    InvalidCenturyDigit,

    /// <summary>Digits 1–6 are not a real date.</summary>
    InvalidBirthDate,

    /// <summary>Both check-digit passes give 10: no number with this prefix is issued.</summary>
    NeverIssued,

    /// <summary>The last digit is not the computed check digit.</summary>
    CheckDigitMismatch,

    /// <summary>Digit 5 of a BIN is not a known entity type (4, 5 or 6).</summary>
    InvalidEntityType,
}
