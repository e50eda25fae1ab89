namespace Kz.MicroCredit.Identity.Cli;

/// <summary>
/// Reads an input file with a size limit checked while reading, so that a device (<c>/dev/zero</c>), a pipe or a file
/// that grows cannot make <c>kzid</c> read gigabytes before it says no: the length a file system reports is not trusted.
/// </summary>
internal static class BoundedInput
{
    /// <summary>The limit for every input <c>kzid</c> reads: 16 MiB.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>Reads at most <paramref name="maxBytes"/> bytes; the error is a message for standard error, or <see langword="null"/>.</summary>
    public static async Task<(byte[]? Bytes, string? Error)> ReadAsync(string path, int maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            using var buffer = new MemoryStream();
            byte[] chunk = new byte[64 * 1024];
            while (true)
            {
                int read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (buffer.ToArray(), null);
                }

                if (buffer.Length + read > maxBytes)
                {
                    return (null, $"{path} is larger than the {maxBytes / (1024 * 1024)} MiB input limit.");
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return (null, ex is FileNotFoundException or DirectoryNotFoundException ? $"{path}: file not found." : $"{path}: cannot be read.");
        }
    }

    /// <summary>
    /// The name of a non-UTF-8 encoding an XML input declares or starts with; <see langword="null"/> for UTF-8 and for
    /// anything that is not XML. The SDK's own check, so that <c>kzid</c> and the library refuse the same inputs.
    /// </summary>
    public static string? UnsupportedXmlEncoding(ReadOnlySpan<byte> input) => Kz.MicroCredit.Identity.Eds.XmlEncodingCheck.FindUnsupported(input);
}
