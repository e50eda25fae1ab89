namespace Kz.MicroCredit.Identity.Http;

/// <summary>
/// Refuses a DER/BER answer (OCSP, time-stamp) nested deeper than a limit, or whose lengths overrun their container,
/// before a recursive parser (BouncyCastle's) sees it: deep nesting is a stack-exhaustion attack, not an answer. The walk
/// is iterative and linear; indefinite lengths are followed to their end-of-contents.
/// </summary>
internal sealed class DerNestingCheck : IResponseBodyCheck
{
    /// <summary>The deepest nesting of a legitimate OCSP or time-stamp response is well below this.</summary>
    public const int MaxDepth = 48;

    public void Inspect(ReadOnlySpan<byte> received, bool final)
    {
        if (final && !IsShallow(received, MaxDepth))
        {
            throw new RemoteResponseException(RemoteResponseFault.Malformed);
        }
    }

    /// <summary>Whether every element is well delimited and nested at most <paramref name="maxDepth"/> deep.</summary>
    /// <param name="data">The encoding.</param>
    /// <param name="maxDepth">The limit.</param>
    /// <returns><see langword="true"/> when acceptable.</returns>
    public static bool IsShallow(ReadOnlySpan<byte> data, int maxDepth)
    {
        var ends = new Stack<long>(); // -1: indefinite
        long p = 0;
        while (p < data.Length)
        {
            while (ends.Count > 0 && ends.Peek() == p)
            {
                ends.Pop();
            }

            if (p == data.Length)
            {
                break;
            }

            if (data.Length - p < 2)
            {
                return false;
            }

            byte tag = data[(int)p];
            if ((tag & 0x1F) == 0x1F)
            {
                // High tag numbers: skip the tag's continuation bytes.
                p++;
                while (p < data.Length && (data[(int)p] & 0x80) != 0)
                {
                    p++;
                }
            }

            p++;
            if (p >= data.Length)
            {
                return false;
            }

            byte first = data[(int)p++];
            if (tag == 0 && first == 0)
            {
                if (ends.Count == 0 || ends.Pop() != -1)
                {
                    return false;
                }

                continue;
            }

            bool constructed = (tag & 0x20) != 0;
            long length;
            if (first == 0x80)
            {
                if (!constructed)
                {
                    return false;
                }

                length = -1;
            }
            else if (first < 0x80)
            {
                length = first;
            }
            else
            {
                int count = first & 0x7F;
                if (count > 4 || p + count > data.Length)
                {
                    return false;
                }

                length = 0;
                for (int i = 0; i < count; i++)
                {
                    length = (length << 8) | data[(int)p++];
                }
            }

            long end = length < 0 ? -1 : p + length;
            if (end > data.Length || (end >= 0 && ends.Count > 0 && ends.Peek() >= 0 && end > ends.Peek()))
            {
                return false;
            }

            if (constructed)
            {
                if (ends.Count >= maxDepth)
                {
                    return false;
                }

                if (end != p)
                {
                    ends.Push(end);
                }
            }
            else
            {
                p = end;
            }
        }

        while (ends.Count > 0 && ends.Peek() == p)
        {
            ends.Pop();
        }

        return ends.Count == 0;
    }
}
