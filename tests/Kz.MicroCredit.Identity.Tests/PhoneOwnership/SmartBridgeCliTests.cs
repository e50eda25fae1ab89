using System.Text;
using Kz.MicroCredit.Identity.Cli;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.PhoneOwnership;

public sealed class SmartBridgeCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kzid-sb-").FullName;
    private readonly string _variable = "KZID_SB_TEST_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        Directory.Delete(_dir, recursive: true);
    }

    private static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    private static string Kalkan => Data("smartbridge", "WsseServiceTest.xml_signed_string.soap.xml");

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = await KzidApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private const string Unsigned = """<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header/><soap:Body><ns2:SendMessage xmlns:ns2="http://bip.bee.kz/SyncChannel/v10/Types"><request><requestInfo><messageId>m</messageId><serviceId>S</serviceId></requestInfo></request></ns2:SendMessage></soap:Body></soap:Envelope>""";

    [Fact]
    public async Task Verify_real_Kalkan_envelope_at_its_signing_time_is_valid()
    {
        (int exit, string output, _) = await RunAsync("smartbridge", "verify", Kalkan, "--trust", "test", "--at", "2021-06-01T00:00:00Z");
        Assert.Equal(0, exit);
        Assert.StartsWith("valid:", output, StringComparison.Ordinal);
        Assert.Contains("rsa-sha256", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_real_Kalkan_envelope_today_is_invalid_because_the_certificate_expired()
    {
        (int exit, string output, _) = await RunAsync("smartbridge", "verify", Kalkan, "--trust", "test");
        Assert.Equal(1, exit);
        Assert.StartsWith("invalid:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_with_another_gateway_certificate_is_invalid()
    {
        (int exit, _, _) = await RunAsync("smartbridge", "verify", Kalkan, "--trust", "test", "--at", "2021-06-01T00:00:00Z",
            "--cert", Data("nca", "ncanode", "resources", "certs", "ceo_valid_sign_2004_gost.cer"));
        Assert.Equal(1, exit);
    }

    [Fact]
    public async Task Verify_tampered_envelope_is_invalid()
    {
        string tampered = Write("t.xml", File.ReadAllText(Kalkan).Replace("931002451325", "931002451326", StringComparison.Ordinal));
        (int exit, _, _) = await RunAsync("smartbridge", "verify", tampered, "--trust", "test", "--at", "2021-06-01T00:00:00Z");
        Assert.Equal(1, exit);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>")]
    [InlineData("<notsoap/>")]
    public async Task Verify_unusable_input_is_exit_2(string content)
    {
        (int exit, _, string err) = await RunAsync("smartbridge", "verify", Write("bad.xml", content));
        Assert.Equal(2, exit);
        Assert.Contains("kzid smartbridge verify:", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("smartbridge")]
    [InlineData("smartbridge", "frobnicate")]
    [InlineData("smartbridge", "verify")]
    [InlineData("smartbridge", "verify", "/nonexistent/file.xml")]
    [InlineData("smartbridge", "sign", "x.xml", "--key")]
    [InlineData("smartbridge", "verify", "a.xml", "b.xml")]
    public async Task Bad_arguments_are_exit_2(params string[] args)
    {
        Assert.Equal(2, (await RunAsync(args)).Exit);
    }

    [Theory]
    [InlineData("ncanode/keys/key_individual_valid_sign_2004.p12", "Qwerty12", "2021-06-01T00:00:00Z")]
    [InlineData("ncanode/keys/key_individual_valid_2015.p12", "Aa123456", "2022-09-01T00:00:00Z")]
    public async Task Sign_then_verify_round_trips(string key, string password, string at)
    {
        Environment.SetEnvironmentVariable(_variable, password);
        (int exit, string signed, string err) = await RunAsync("smartbridge", "sign", Write("u.xml", Unsigned), "--key", Data("nca", key), "--password-env", _variable);
        Assert.True(exit == 0, err);
        Assert.DoesNotContain(password, signed + err, StringComparison.Ordinal);

        (int verifyExit, string output, _) = await RunAsync("smartbridge", "verify", Write("s.xml", signed), "--trust", "test", "--at", at);
        Assert.True(verifyExit == 0, output);
    }

    [Fact]
    public async Task Sign_with_a_wrong_password_is_a_clear_error()
    {
        Environment.SetEnvironmentVariable(_variable, "not-the-password");
        (int exit, string output, string err) = await RunAsync("smartbridge", "sign", Write("u.xml", Unsigned), "--key", Data("nca", "ncanode/keys/key_individual_valid_sign_2004.p12"), "--password-env", _variable);
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("password is wrong", err, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_with_a_non_NCA_file_is_a_clear_error()
    {
        Environment.SetEnvironmentVariable(_variable, "Qwerty12");
        (int exit, _, string err) = await RunAsync("smartbridge", "sign", Write("u.xml", Unsigned), "--key", Kalkan, "--password-env", _variable);
        Assert.Equal(2, exit);
        Assert.Contains("not a usable NCA PKCS#12 key file", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_without_the_password_variable_is_exit_2()
    {
        (int exit, _, string err) = await RunAsync("smartbridge", "sign", Write("u.xml", Unsigned), "--key", Data("nca", "ncanode/keys/key_individual_valid_sign_2004.p12"), "--password-env", _variable);
        Assert.Equal(2, exit);
        Assert.Contains(_variable, err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_an_already_signed_envelope_is_exit_2()
    {
        Environment.SetEnvironmentVariable(_variable, "Qwerty12");
        (int exit, _, string err) = await RunAsync("smartbridge", "sign", Kalkan, "--key", Data("nca", "ncanode/keys/key_individual_valid_sign_2004.p12"), "--password-env", _variable);
        Assert.Equal(2, exit);
        Assert.Contains("already signed", err, StringComparison.Ordinal);
    }
}
