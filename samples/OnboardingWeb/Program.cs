// Placeholder: the web onboarding sample (issue 17) is built here.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "Kz.MicroCredit.Identity onboarding sample");
app.Run();
