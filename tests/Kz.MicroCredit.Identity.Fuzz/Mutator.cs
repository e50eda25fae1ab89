using System.Text;

namespace Kz.MicroCredit.Identity.Fuzz;

/// <summary>Random structural and byte-level mutations (1–4 per input), with ASN.1- and XML-aware operators.</summary>
internal sealed class Mutator(Random random, IReadOnlyList<byte[]> seeds, bool asn1, bool xml)
{
    private const int MaxSize = 1 << 20;

    private static readonly byte[] Asn1Tags = [0x30, 0x31, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0C, 0x13, 0x16, 0x17, 0x18, 0x1E, 0x23, 0x24, 0x80, 0xA0, 0xA1, 0xA2, 0xA3, 0x1F, 0x00, 0xFF];

    private static readonly string[] XmlSnippets =
    [
        "<!DOCTYPE r [<!ENTITY e \"x\">]>", "<!DOCTYPE r SYSTEM \"http://127.0.0.1/x.dtd\">", "<!-- c -->", "<?pi data?>",
        "<![CDATA[ <x/> ]]>", "&#13;", "&#x0;", "&amp;", "&e;", "xmlns=\"\"", "xmlns:ds=\"urn:other\"", "xmlns:a=\"urn:a\"",
        "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"/>", "<Object/>", "Id=\"x\"", "ID=\"x\"", "wsu:Id=\"x\"",
        "URI=\"\"", "URI=\"#x\"", "URI=\"#xpointer(/)\"", "URI=\"http://127.0.0.1/\"", "\uFEFF", "\u00A0", "\r\n", "\t",
        "<a:b xmlns:a=\"urn:a\" a:c=\"1\"/>", "xml:space=\"preserve\"", "xml:base=\"x\"", "<x xmlns:xml=\"http://www.w3.org/XML/1998/namespace\"/>",
    ];

    private static readonly string[] XmlOperators = ["dup-element", "remove-element", "doctype", "nesting", "huge-attribute", "id-uri", "snippet", "namespace"];

    public byte[] Next()
    {
        byte[] data = seeds[random.Next(seeds.Count)];
        int count = random.Next(1, 5);
        for (int i = 0; i < count; i++)
        {
            data = MutateOnce(data);
            if (data.Length > MaxSize)
            {
                data = data[..MaxSize];
            }
        }

        return data;
    }

    private byte[] MutateOnce(byte[] data)
    {
        int choice = random.Next(xml || asn1 ? 12 : 9);
        if (choice >= 9)
        {
            return xml ? XmlMutate(data) : Asn1Mutate(data);
        }

        if (data.Length == 0)
        {
            return [(byte)random.Next(256)];
        }

        switch (choice)
        {
            case 0: // bit flip
            {
                byte[] copy = (byte[])data.Clone();
                copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                return copy;
            }

            case 1: // byte set (interesting values)
            {
                byte[] copy = (byte[])data.Clone();
                byte[] interesting = [0x00, 0x01, 0x7F, 0x80, 0x81, 0x82, 0x84, 0xFF, (byte)'<', (byte)'>', (byte)'&', (byte)'"', (byte)random.Next(256)];
                copy[random.Next(copy.Length)] = interesting[random.Next(interesting.Length)];
                return copy;
            }

            case 2: // insert random bytes
            {
                int at = random.Next(data.Length + 1);
                byte[] chunk = new byte[random.Next(1, 17)];
                random.NextBytes(chunk);
                return [.. data.AsSpan(0, at), .. chunk, .. data.AsSpan(at)];
            }

            case 3: // delete a chunk
            {
                (int start, int length) = Chunk(data.Length);
                return [.. data.AsSpan(0, start), .. data.AsSpan(start + length)];
            }

            case 4: // duplicate a chunk (possibly many times)
            {
                (int start, int length) = Chunk(data.Length);
                int times = random.Next(4) == 0 ? random.Next(2, 64) : 1;
                List<byte> result = new(data.Length + (length * times));
                result.AddRange(data.AsSpan(0, start + length));
                for (int i = 0; i < times; i++)
                {
                    result.AddRange(data.AsSpan(start, length));
                }

                result.AddRange(data.AsSpan(start + length));
                return [.. result];
            }

            case 5: // truncate
                return data[..random.Next(data.Length)];

            case 6: // splice two seeds
            {
                byte[] other = seeds[random.Next(seeds.Count)];
                int a = random.Next(data.Length + 1);
                int b = random.Next(other.Length + 1);
                return [.. data.AsSpan(0, a), .. other.AsSpan(b)];
            }

            case 7: // overwrite a chunk with a chunk copied from elsewhere
            {
                byte[] copy = (byte[])data.Clone();
                (int start, int length) = Chunk(data.Length);
                int to = random.Next(copy.Length - length + 1);
                data.AsSpan(start, length).CopyTo(copy.AsSpan(to));
                return copy;
            }

            default: // arithmetic on a byte
            {
                byte[] copy = (byte[])data.Clone();
                int at = random.Next(copy.Length);
                copy[at] = (byte)(copy[at] + random.Next(-16, 17));
                return copy;
            }
        }
    }

    private (int Start, int Length) Chunk(int size)
    {
        int start = random.Next(size);
        int max = Math.Min(size - start, random.Next(2) == 0 ? 16 : 512);
        return (start, random.Next(1, max + 1));
    }

    // ---- ASN.1 -----------------------------------------------------------------------------------------------------

    private readonly record struct Tlv(int TagOffset, int LengthOffset, int LengthOctets, int ContentOffset, int ContentLength);

    /// <summary>Best-effort walk of definite-length DER/BER; stops quietly at the first thing it does not understand.</summary>
    private static void Walk(byte[] data, int start, int end, List<Tlv> output, int depth)
    {
        int p = start;
        while (p < end && depth < 64 && output.Count < 4096)
        {
            int tagOffset = p;
            byte tag = data[p++];
            if ((tag & 0x1F) == 0x1F)
            {
                while (p < end && (data[p] & 0x80) != 0)
                {
                    p++;
                }

                p++;
            }

            if (p >= end)
            {
                return;
            }

            int lengthOffset = p;
            int first = data[p++];
            int length;
            int octets = 1;
            if (first < 0x80)
            {
                length = first;
            }
            else if (first == 0x80 || first > 0x84)
            {
                return;
            }
            else
            {
                int n = first & 0x7F;
                octets += n;
                length = 0;
                for (int i = 0; i < n; i++)
                {
                    if (p >= end)
                    {
                        return;
                    }

                    length = (length << 8) | data[p++];
                }
            }

            if (length < 0 || length > end - p)
            {
                return;
            }

            output.Add(new Tlv(tagOffset, lengthOffset, octets, p, length));
            if ((tag & 0x20) != 0)
            {
                Walk(data, p, p + length, output, depth + 1);
            }
            else if (tag is 0x04 or 0x03 && length > 2)
            {
                // OCTET/BIT STRING often wraps DER (signed attributes, keys, extensions)
                int inner = tag == 0x03 ? p + 1 : p;
                if (data[inner] is 0x30 or 0x31)
                {
                    Walk(data, inner, p + length, output, depth + 1);
                }
            }

            p += length;
        }
    }

    private byte[] Asn1Mutate(byte[] data)
    {
        List<Tlv> tlvs = [];
        Walk(data, 0, data.Length, tlvs, 0);
        if (tlvs.Count == 0)
        {
            return data;
        }

        Tlv t = tlvs[random.Next(tlvs.Count)];
        byte[] copy = (byte[])data.Clone();
        switch (random.Next(6))
        {
            case 0: // swap the tag byte
                copy[t.TagOffset] = Asn1Tags[random.Next(Asn1Tags.Length)];
                return copy;
            case 1: // nudge the last length octet
                copy[t.LengthOffset + t.LengthOctets - 1] = (byte)(copy[t.LengthOffset + t.LengthOctets - 1] + random.Next(-3, 4));
                return copy;
            case 2: // rewrite the length in another form (indefinite, long form, non-minimal, huge)
            {
                byte[][] forms =
                [
                    [0x80], [0x81, (byte)Math.Min(t.ContentLength, 255)], [0x84, 0xFF, 0xFF, 0xFF, 0xFF], [0x84, 0x7F, 0xFF, 0xFF, 0xFF],
                    [0x82, (byte)(t.ContentLength >> 8), (byte)t.ContentLength], [0x85, 0, 0, 0, 0, 1], [0x00], [0xFF],
                ];
                byte[] form = forms[random.Next(forms.Length)];
                return [.. data.AsSpan(0, t.LengthOffset), .. form, .. data.AsSpan(t.LengthOffset + t.LengthOctets)];
            }

            case 3: // remove the whole TLV
                return [.. data.AsSpan(0, t.TagOffset), .. data.AsSpan(t.ContentOffset + t.ContentLength)];
            case 4: // duplicate the TLV next to itself
            {
                int end = t.ContentOffset + t.ContentLength;
                return [.. data.AsSpan(0, end), .. data.AsSpan(t.TagOffset, end - t.TagOffset), .. data.AsSpan(end)];
            }

            default: // replace content with another TLV's encoding (type confusion)
            {
                Tlv o = tlvs[random.Next(tlvs.Count)];
                int oEnd = o.ContentOffset + o.ContentLength;
                return [.. data.AsSpan(0, t.TagOffset), .. data.AsSpan(o.TagOffset, oEnd - o.TagOffset), .. data.AsSpan(t.ContentOffset + t.ContentLength)];
            }
        }
    }

    // ---- XML -------------------------------------------------------------------------------------------------------

    private byte[] XmlMutate(byte[] data)
    {
        string text = Encoding.UTF8.GetString(data);
        string result = XmlOperators[random.Next(XmlOperators.Length)] switch
        {
            "dup-element" => DuplicateElement(text, remove: false),
            "remove-element" => DuplicateElement(text, remove: true),
            "doctype" => InsertAfterDeclaration(text, XmlSnippets[random.Next(2)]),
            "nesting" => Nest(text),
            "huge-attribute" => InsertInTag(text, $" h=\"{new string('A', random.Next(1, 4) * 65536)}\""),
            "id-uri" => ChangeIdOrUri(text),
            "namespace" => InsertInTag(text, random.Next(3) switch
            {
                0 => " xmlns=\"urn:odd\"",
                1 => " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"",
                _ => $" xmlns:p{random.Next(10)}=\"urn:p{random.Next(10)}\"",
            }),
            _ => InsertAt(text, XmlSnippets[random.Next(XmlSnippets.Length)]),
        };
        return Encoding.UTF8.GetBytes(result);
    }

    private int RandomIndexOf(string text, string value)
    {
        List<int> hits = [];
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0 && hits.Count < 512; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            hits.Add(i);
        }

        return hits.Count == 0 ? -1 : hits[random.Next(hits.Count)];
    }

    /// <summary>A random start tag: where its '&lt;' is and where its name ends; false when the pick is not a start tag.</summary>
    private bool RandomStartTag(string text, out int open, out int nameEnd)
    {
        open = RandomIndexOf(text, "<");
        nameEnd = open + 1;
        if (open < 0 || open + 1 >= text.Length || !char.IsLetter(text[open + 1]))
        {
            return false;
        }

        while (nameEnd < text.Length && !char.IsWhiteSpace(text[nameEnd]) && text[nameEnd] is not '>' and not '/')
        {
            nameEnd++;
        }

        return true;
    }

    private string DuplicateElement(string text, bool remove)
    {
        if (!RandomStartTag(text, out int open, out int nameEnd))
        {
            return text;
        }

        string name = text[(open + 1)..nameEnd];
        int tagEnd = text.IndexOf('>', nameEnd);
        if (tagEnd < 0)
        {
            return text;
        }

        int end;
        if (text[tagEnd - 1] == '/')
        {
            end = tagEnd + 1;
        }
        else
        {
            int close = text.IndexOf("</" + name + ">", tagEnd, StringComparison.Ordinal);
            if (close < 0)
            {
                return text;
            }

            end = close + name.Length + 3;
        }

        string element = text[open..end];
        if (remove)
        {
            return text.Remove(open, end - open);
        }

        // the copy goes right after the original or somewhere else (signature wrapping)
        int at = random.Next(2) == 0 ? end : Math.Max(0, RandomIndexOf(text, "<"));
        return text.Insert(at, element);
    }

    private static string InsertAfterDeclaration(string text, string snippet)
    {
        int at = text.StartsWith("<?xml", StringComparison.Ordinal) ? text.IndexOf("?>", StringComparison.Ordinal) + 2 : 0;
        return text.Insert(Math.Max(0, at), snippet);
    }

    private string Nest(string text)
    {
        int depth = random.Next(4) switch { 0 => 100, 1 => 1000, 2 => 10_000, _ => 100_000 };
        StringBuilder builder = new(depth * 8);
        for (int i = 0; i < depth; i++)
        {
            builder.Append("<n>");
        }

        for (int i = 0; i < depth; i++)
        {
            builder.Append("</n>");
        }

        int tagEnd = RandomIndexOf(text, ">");
        return tagEnd < 0 ? text : text.Insert(tagEnd + 1, builder.ToString());
    }

    private string InsertInTag(string text, string attribute)
    {
        if (!RandomStartTag(text, out int open, out int nameEnd))
        {
            return text;
        }

        return text.Insert(nameEnd, attribute);
    }

    private string ChangeIdOrUri(string text)
    {
        string[] keys = ["URI=\"", "Id=\"", "ID=\"", "wsu:Id=\"", "Algorithm=\""];
        int at = RandomIndexOf(text, keys[random.Next(keys.Length)]);
        if (at < 0)
        {
            return text;
        }

        int valueStart = text.IndexOf('"', at) + 1;
        int valueEnd = text.IndexOf('"', valueStart);
        if (valueEnd < 0)
        {
            return text;
        }

        string[] values = ["", "#", "#x", "#id\u0000", "x", "#xpointer(/)", "#xpointer(id('x'))", "http://127.0.0.1/", "#" + new string('a', 1000), text[valueStart..valueEnd] + "x", "##"];
        return text[..valueStart] + values[random.Next(values.Length)] + text[valueEnd..];
    }

    private string InsertAt(string text, string snippet)
    {
        int at = random.Next(3) == 0 ? random.Next(text.Length + 1) : Math.Max(0, RandomIndexOf(text, random.Next(2) == 0 ? ">" : "<"));
        if (at < text.Length && text[at] == '>')
        {
            at++;
        }

        return text.Insert(at, snippet);
    }
}
