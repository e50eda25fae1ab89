using System.Net.Http.Headers;
using System.Text.Json;

namespace Kz.MicroCredit.Identity.Http;

/// <summary>
/// The checks every JSON client of the SDK (CEID, liveness vendor) runs before binding an answer: the media type is
/// JSON, the text is well-formed within a depth limit, and no object names a property twice. System.Text.Json lets the
/// last duplicate win, so <c>"decision":"no_match" … "decision":"match"</c> would otherwise read as a match
/// (issue 14); an ambiguous answer is a protocol error.
/// </summary>
internal static class StrictJson
{
    /// <summary>Whether the content type is <c>application/json</c> or a <c>+json</c> type (parameters such as charset allowed).</summary>
    /// <param name="contentType">The Content-Type header, if any.</param>
    /// <returns><see langword="true"/> for JSON.</returns>
    public static bool IsJsonMediaType(MediaTypeHeaderValue? contentType)
    {
        string? media = contentType?.MediaType;
        if (media is null)
        {
            return false;
        }

        if (contentType!.CharSet is { } charset && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether a JSON text is well-formed, at most <paramref name="maxDepth"/> deep, and free of duplicate property names.</summary>
    /// <param name="json">The UTF-8 text.</param>
    /// <param name="maxDepth">The depth limit.</param>
    /// <returns><see langword="true"/> when unambiguous.</returns>
    public static bool IsUnambiguous(ReadOnlySpan<byte> json, int maxDepth)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false });
        var names = new Stack<HashSet<string>?>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        names.Push(new HashSet<string>(StringComparer.Ordinal));
                        break;
                    case JsonTokenType.StartArray:
                        names.Push(null);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        names.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        if (names.Peek() is { } set && !set.Add(reader.GetString()!))
                        {
                            return false;
                        }

                        break;
                }
            }

            return reader.BytesConsumed == json.Length || json[(int)reader.BytesConsumed..].Trim(" \t\r\n"u8).IsEmpty;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
