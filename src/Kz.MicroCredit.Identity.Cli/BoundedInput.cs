using System.Text;

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
    /// The name of a non-UTF-8 encoding an XML input declares or starts with (UTF-16/32 byte order marks or zero bytes,
    /// an <c>encoding=</c> other than UTF-8/ASCII); <see langword="null"/> for UTF-8 and for anything that is not XML.
    /// Only UTF-8 is supported, and saying so plainly beats a parser error.
    /// </summary>
    public static string? UnsupportedXmlEncoding(ReadOnlySpan<byte> input)
    {
        if (input.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || input.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return "UTF-16";
        }

        if (input.Length >= 4 && ((input[0] == 0 && input[1] == (byte)'<') || (input[0] == (byte)'<' && input[1] == 0)))
        {
            return "UTF-16";
        }

        int start = input.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        ReadOnlySpan<byte> head = input[start..];
        if (!head.StartsWith("<?xml"u8))
        {
            return null;
        }

        int end = head.IndexOf("?>"u8);
        string declaration = Encoding.ASCII.GetString(end > 0 ? head[..end] : head[..Math.Min(head.Length, 200)]);
        int at = declaration.IndexOf("encoding", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        string rest = declaration[(at + 8)..].TrimStart(' ', '=', '\t').TrimStart('"', '\'');
        string name = new(rest.TakeWhile(c => c is not ('"' or '\'' or ' ')).ToArray());
        return name.Equals("UTF-8", StringComparison.OrdinalIgnoreCase) || name.Equals("US-ASCII", StringComparison.OrdinalIgnoreCase) || name.Length == 0 ? null : name;
    }
}
