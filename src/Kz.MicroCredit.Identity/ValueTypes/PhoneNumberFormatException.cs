using System.Diagnostics.CodeAnalysis;

namespace Kz.MicroCredit.Identity;

/// <summary>Thrown by <see cref="KzPhoneNumber.Parse"/>; the message names the problem, never the input.</summary>
public sealed class PhoneNumberFormatException : FormatException
{
    /// <summary>Initializes a new instance of the <see cref="PhoneNumberFormatException"/> class.</summary>
    /// <param name="error">What is wrong.</param>
    public PhoneNumberFormatException(PhoneNumberError error)
        : base($"The value is not a Kazakh mobile number: {error}.") => Error = error;

    /// <summary>Gets what is wrong.</summary>
    public PhoneNumberError Error { get; }
}
