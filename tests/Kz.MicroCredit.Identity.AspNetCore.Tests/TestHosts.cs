using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Kz.MicroCredit.Identity.AspNetCore.Tests;

/// <summary>Builds a web app on a TestServer with in-memory configuration, as a lender's Program.cs would.</summary>
internal static class TestHosts
{
    public static WebApplicationBuilder Builder(IDictionary<string, string?> settings)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        return builder;
    }
}
