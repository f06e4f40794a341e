using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Education;

/// <summary>My Registry: education. Courses are added, edited and removed; totals update as they change.</summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("my-registry/education")]
public sealed class EducationController(CurrentProfessional me, Courses.Handler courses, Degrees.Handler degrees, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id ? View(new EducationViewModel(await courses.ListAsync(id, ct), await degrees.ListAsync(id, ct))) : NotFound();

    [HttpGet("degrees/add")]
    public IActionResult AddDegree() => View("DegreeForm", new DegreeFormViewModel(null, new DegreeFields.Form()));

    [HttpPost("degrees/add")]
    public async Task<IActionResult> AddDegree(DegreeFields.Form form, [FromServices] IValidator<DegreeFields.Form> validator, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id)
        {
            return NotFound();
        }

        if (!await this.ValidateAsync(validator, form, ct))
        {
            return View("DegreeForm", new DegreeFormViewModel(null, form));
        }

        await degrees.AddAsync(id, form, ct);
        TempData["Notice"] = t["The degree is added."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("degrees/{degreeId:int}/edit")]
    public async Task<IActionResult> EditDegree(int degreeId, CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id && await degrees.FindAsync(id, degreeId, ct) is { } degree
            ? View("DegreeForm", new DegreeFormViewModel(degreeId, DegreeFields.Form.From(degree)))
            : NotFound();

    [HttpPost("degrees/{degreeId:int}/edit")]
    public async Task<IActionResult> EditDegree(int degreeId, DegreeFields.Form form, [FromServices] IValidator<DegreeFields.Form> validator, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id || await degrees.FindAsync(id, degreeId, ct) is not { } degree)
        {
            return NotFound();
        }

        if (!await this.ValidateAsync(validator, form, ct))
        {
            return View("DegreeForm", new DegreeFormViewModel(degreeId, form));
        }

        await degrees.UpdateAsync(degree, form, ct);
        TempData["Notice"] = t["The degree is saved."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("degrees/{degreeId:int}/remove")]
    public async Task<IActionResult> RemoveDegree(int degreeId, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id || !await degrees.RemoveAsync(id, degreeId, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["The degree is removed."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("courses/add")]
    public IActionResult AddCourse() => View("CourseForm", new CourseFormViewModel(null, new CourseFields.Form()));

    [HttpPost("courses/add")]
    public async Task<IActionResult> AddCourse(CourseFields.Form form, [FromServices] IValidator<CourseFields.Form> validator, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id)
        {
            return NotFound();
        }

        if (!await this.ValidateAsync(validator, form, ct))
        {
            return View("CourseForm", new CourseFormViewModel(null, form));
        }

        await courses.AddAsync(id, form, ct);
        TempData["Notice"] = t["The course is added."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("courses/{courseId:int}/edit")]
    public async Task<IActionResult> EditCourse(int courseId, CancellationToken ct) =>
        await me.IdAsync(User, ct) is { } id && await courses.FindAsync(id, courseId, ct) is { } course
            ? View("CourseForm", new CourseFormViewModel(courseId, CourseFields.Form.From(course)))
            : NotFound();

    [HttpPost("courses/{courseId:int}/edit")]
    public async Task<IActionResult> EditCourse(int courseId, CourseFields.Form form, [FromServices] IValidator<CourseFields.Form> validator, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id || await courses.FindAsync(id, courseId, ct) is null)
        {
            return NotFound();
        }

        if (!await this.ValidateAsync(validator, form, ct))
        {
            return View("CourseForm", new CourseFormViewModel(courseId, form));
        }

        await courses.UpdateAsync(id, courseId, form, ct);
        TempData["Notice"] = t["The course is saved."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("courses/{courseId:int}/remove")]
    public async Task<IActionResult> RemoveCourse(int courseId, CancellationToken ct)
    {
        if (await me.IdAsync(User, ct) is not { } id || !await courses.RemoveAsync(id, courseId, ct))
        {
            return NotFound();
        }

        TempData["Notice"] = t["The course is removed."].Value;
        return RedirectToAction(nameof(Index));
    }
}

public sealed record CourseFormViewModel(int? CourseId, CourseFields.Form Form);

public sealed record DegreeFormViewModel(int? DegreeId, DegreeFields.Form Form);

public sealed record EducationViewModel(Courses.ViewModel Courses, IReadOnlyList<Degrees.DegreeView> Degrees);
