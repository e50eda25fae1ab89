using System.Diagnostics.CodeAnalysis;

namespace Kz.MicroCredit.Identity;

/// <summary>Why a text is not a Kazakh mobile number.</summary>
public enum PhoneNumberError
{
    /// <summary>Valid.</summary>
    None,

    /// <summary>Nothing was given.</summary>
    Empty,

    /// <summary>Not eleven digits with the country or trunk code.</summary>
    WrongLength,

    /// <summary>A character other than digits, a leading plus, spaces, dashes, dots or brackets.</summary>
    InvalidCharacter,

    /// <summary>The country code is not 7 (or trunk prefix 8).</summary>
    NotKazakhstan,

    /// <summary>A Kazakh number outside the mobile ranges (+7 7XX), e.g. a landline or a Russian number.</summary>
    NotMobile,

    /// <summary>A +7 7XX number whose prefix is not a known Kazakh mobile range.</summary>
    UnknownMobilePrefix,
}
