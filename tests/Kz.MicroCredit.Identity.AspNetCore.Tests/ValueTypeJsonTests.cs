using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Xunit;

namespace Kz.MicroCredit.Identity.AspNetCore.Tests;

public sealed class ValueTypeJsonTests
{
    private static readonly Iin SampleIin = Iin.Parse("880912300763");
    private static readonly Bin SampleBin = Bin.Parse("070840007503");
    private static readonly KzPhoneNumber SamplePhone = KzPhoneNumber.Parse("8 (701) 123-45-67");

    public sealed record Applicant(Iin Iin, Bin Employer, KzPhoneNumber Phone);

    [Fact]
    public void Value_types_serialise_as_their_bare_string_and_read_back()
    {
        string json = JsonSerializer.Serialize(new Applicant(SampleIin, SampleBin, SamplePhone));

        using (JsonDocument document = JsonDocument.Parse(json))
        {
            Assert.Equal("880912300763", document.RootElement.GetProperty("Iin").GetString());
            Assert.Equal("070840007503", document.RootElement.GetProperty("Employer").GetString());
            Assert.Equal("+77011234567", document.RootElement.GetProperty("Phone").GetString());
        }

        Applicant back = JsonSerializer.Deserialize<Applicant>(json)!;
        Assert.Equal(SampleIin, back.Iin);
        Assert.Equal(SampleBin, back.Employer);
        Assert.Equal(SamplePhone, back.Phone);
        Assert.DoesNotContain("BirthDate", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_values_serialise_as_null_without_throwing_and_null_reads_back_as_default()
    {
        string json = JsonSerializer.Serialize(new Applicant(default, default, default));

        Assert.Equal("""{"Iin":null,"Employer":null,"Phone":null}""", json);
        Applicant back = JsonSerializer.Deserialize<Applicant>(json)!;
        Assert.False(back.Iin.HasValue);
        Assert.False(back.Phone.HasValue);
    }

    [Theory]
    [InlineData("""{"Iin":"880912300764","Employer":"070840007503","Phone":"+77011234567"}""", "CheckDigitMismatch")]
    [InlineData("""{"Iin":880912300763,"Employer":"070840007503","Phone":"+77011234567"}""", "JSON string")]
    [InlineData("""{"Iin":"880912300763","Employer":"070840007503","Phone":"+71234567890"}""", "KzPhoneNumber")]
    public void A_malformed_value_is_a_JsonException_that_does_not_quote_it(string json, string expected)
    {
        JsonException error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Applicant>(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("880912300764", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("1234567890", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Minimal_apis_bind_value_types_from_routes_queries_and_bodies()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        await using WebApplication app = builder.Build();
        app.MapGet("/borrowers/{iin}", (Iin iin, KzPhoneNumber phone, Bin employer) => new Applicant(iin, employer, phone));
        app.MapPost("/borrowers", (Applicant applicant) => Results.Ok(applicant.Iin.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        await app.StartAsync();
        HttpClient client = app.GetTestClient();

        Applicant fromRoute = (await client.GetFromJsonAsync<Applicant>("/borrowers/880912300763?phone=%2B77011234567&employer=070840007503"))!;
        HttpResponseMessage badRoute = await client.GetAsync("/borrowers/880912300764?phone=%2B77011234567&employer=070840007503");
        HttpResponseMessage fromBody = await client.PostAsJsonAsync("/borrowers", new Applicant(SampleIin, SampleBin, SamplePhone));

        Assert.Equal(SampleIin, fromRoute.Iin);
        Assert.Equal(SamplePhone, fromRoute.Phone);
        Assert.Equal(HttpStatusCode.BadRequest, badRoute.StatusCode);
        Assert.Equal("\"1988-09-12\"", await fromBody.Content.ReadAsStringAsync());
        await app.StopAsync();
    }
}
