using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Registry.Web.Domain.Accounts;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.SecurityEvents;

/// <summary>
/// The security audit, for administrators: who changed whose access, exported whose data, signed in
/// or failed to, and from where. Reading it is not itself audited; downloading it is.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
[Route("staff/security-events")]
public sealed class SecurityEventsController(SecurityEventList.Handler handler, IValidator<SecurityEventList.Criteria> validator, SecurityAudit audit, TimeProvider time) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] SecurityEventList.Criteria query, CancellationToken ct)
    {
        if (!await this.ValidateAsync(validator, query, ct))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(SecurityEventList.Handler.Empty(query));
        }

        return View(await handler.PageAsync(query, ct));
    }

    /// <summary>The filtered list as CSV, streamed; bad filters get the page with the problem beside the field.</summary>
    [HttpGet("events.csv")]
    public async Task<IActionResult> Download([FromQuery] SecurityEventList.Criteria query, CancellationToken ct)
    {
        if (!await this.ValidateAsync(validator, query, ct))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Index), SecurityEventList.Handler.Empty(query));
        }

        // Recorded (and saved) before the first byte leaves.
        await audit.RecordAsync(SecurityEventKind.Export, null, null, "security audit CSV: " + query.Describe(), ct);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"security-events-{DateOnly.FromDateTime(time.GetLocalNow().DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv\"";
        await handler.WriteCsvAsync(query, Response.Body, ct);
        return new EmptyResult();
    }
}
