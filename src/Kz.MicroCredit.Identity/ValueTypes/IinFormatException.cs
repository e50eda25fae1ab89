using System.Diagnostics.CodeAnalysis;

namespace Kz.MicroCredit.Identity;

/// <summary>Thrown by <see cref="Iin.Parse"/> and <see cref="Bin.Parse"/>; the message names the problem, never the input.</summary>
public sealed class IinFormatException : FormatException
{
    /// <summary>Initializes a new instance of the <see cref="IinFormatException"/> class.</summary>
    /// <param name="error">What is wrong.</param>
    public IinFormatException(IinError error)
        : base($"The value is not a valid IIN/BIN: {error}.") => Error = error;

    /// <summary>Gets what is wrong with the input.</summary>
    public IinError Error { get; }
}
