namespace Kz.MicroCredit.Identity.Signing;

/// <summary>An NCA key file could not be loaded. The message never contains the password or personal data.</summary>
public sealed class NcaKeyFileException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="NcaKeyFileException"/> class.</summary>
    public NcaKeyFileException()
        : this(NcaKeyFileError.NotPkcs12)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="NcaKeyFileException"/> class.</summary>
    /// <param name="message">A fixed message.</param>
    public NcaKeyFileException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="NcaKeyFileException"/> class.</summary>
    /// <param name="message">A fixed message.</param>
    /// <param name="innerException">The cause.</param>
    public NcaKeyFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="NcaKeyFileException"/> class.</summary>
    /// <param name="error">The reason.</param>
    /// <param name="innerException">The cause, if any.</param>
    public NcaKeyFileException(NcaKeyFileError error, Exception? innerException = null)
        : base(MessageFor(error), innerException)
    {
        Error = error;
    }

    /// <summary>Gets the reason.</summary>
    public NcaKeyFileError Error { get; }

    private static string MessageFor(NcaKeyFileError error) => error switch
    {
        NcaKeyFileError.WrongPassword => "The key file password is wrong.",
        NcaKeyFileError.NotPkcs12 => "The key file is not a PKCS#12 file.",
        NcaKeyFileError.NoPrivateKey => "The key file holds no private key.",
        NcaKeyFileError.NoCertificate => "The key file holds no certificate.",
        NcaKeyFileError.UnsupportedAlgorithm => "The key algorithm is not an NCA algorithm.",
        NcaKeyFileError.KeyCertificateMismatch => "No certificate in the key file matches the private key.",
        _ => "The key file cannot be used.",
    };
}
