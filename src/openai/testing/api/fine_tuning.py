"""/fine_tuning/jobs: a state machine on the emulator clock, with events and
checkpoints; a succeeded job adds its model to /models.

Timeline (fractions of `fine_tune_seconds`): validating_files -> queued at 0.1
-> running at 0.2 -> one checkpoint per epoch -> succeeded at 1.0.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from .._http import (
    bad_request,
    check_metadata,
    cursor_page,
    emu,
    json_body,
    json_response,
    metadata_filter,
    not_found,
    require,
)
from .._json import as_obj, get
from .._state import Emulated
from .files import create_file, file_bytes, get_file

JSON = dict[str, Any]
TERMINAL = ("succeeded", "failed", "cancelled")


def _get(e: Emulated, job_id: str) -> JSON:
    found = e.store.get("fine_tuning_jobs", job_id)
    if found is None:
        raise not_found("fine-tuning job", job_id, param="fine_tuning_job_id")
    return found


def _hyperparameters(value: Any) -> JSON:
    given = as_obj(value) or {}

    def pick(name: str, auto: Any) -> Any:
        value = given.get(name, "auto")
        return auto if value == "auto" else value

    return {
        "batch_size": pick("batch_size", 1),
        "learning_rate_multiplier": pick("learning_rate_multiplier", 1.0),
        "n_epochs": pick("n_epochs", 3),
    }


def _event(
    e: Emulated,
    job: JSON,
    message: str,
    kind: str = "message",
    data: JSON | None = None,
) -> None:
    event: JSON = {
        "id": e.new_id("ftevent-", 24),
        "object": "fine_tuning.job.event",
        "created_at": e.now(),
        "level": "info",
        "message": message,
        "data": data or {},
        "type": kind,
    }
    e.store.put("ft_events", event["id"], dict(event, job=job["id"]))


async def create(request: Request) -> Response:
    e = emu(request)
    body = await json_body(request)
    model = require(body, "model")
    training_file = require(body, "training_file")
    get_file(e, training_file, param="training_file")
    if body.get("validation_file"):
        get_file(e, body["validation_file"], param="validation_file")
    suffix = body.get("suffix")
    if suffix is not None and (not isinstance(suffix, str) or len(suffix) > 64):
        raise bad_request(
            "Invalid 'suffix': a string of at most 64 characters.", param="suffix"
        )
    method = as_obj(body.get("method")) or {"type": "supervised"}
    method_type = str(method.get("type", "supervised"))
    hyper = _hyperparameters(
        body.get("hyperparameters") or get(method.get(method_type), "hyperparameters")
    )
    job: JSON = {
        "id": e.new_id("ftjob-", 24),
        "object": "fine_tuning.job",
        "created_at": e.now(),
        "error": None,
        "fine_tuned_model": None,
        "finished_at": None,
        "hyperparameters": hyper,
        "model": model,
        "organization_id": "org-emulator",
        "result_files": [],
        "seed": body.get("seed", 42),
        "status": "validating_files",
        "trained_tokens": None,
        "training_file": training_file,
        "validation_file": body.get("validation_file"),
        "estimated_finish": None,
        "integrations": body.get("integrations"),
        "metadata": check_metadata(body) or {},
        "method": {"type": method_type, method_type: {"hyperparameters": hyper}},
        "user_provided_suffix": suffix,
    }
    e.store.put("fine_tuning_jobs", job["id"], job)
    e.store.put("_ft_clock", job["id"], {"start": e.clock.now(), "epochs_done": 0})
    _event(e, job, f"Validating training file: {training_file}")
    return json_response(_public(job))


def _public(job: JSON) -> JSON:
    return {k: v for k, v in job.items() if k != "user_provided_suffix"}


async def list_jobs(request: Request) -> Response:
    jobs = [_public(j) for j in emu(request).store.values("fine_tuning_jobs")]
    wanted = metadata_filter(request)
    if wanted:
        jobs = [
            j
            for j in jobs
            if all(get(j.get("metadata"), k) == v for k, v in wanted.items())
        ]
    return json_response(cursor_page(request, jobs))


async def retrieve(request: Request) -> Response:
    return json_response(
        _public(_get(emu(request), request.path_params["fine_tuning_job_id"]))
    )


async def cancel(request: Request) -> Response:
    e = emu(request)
    job = _get(e, request.path_params["fine_tuning_job_id"])
    if job["status"] in TERMINAL:
        raise bad_request(
            f"Cannot cancel a job with status '{job['status']}'.",
            param="fine_tuning_job_id",
        )
    job.update(status="cancelled", finished_at=e.now())
    e.store.put("fine_tuning_jobs", job["id"], job)
    _event(e, job, "Job cancelled")
    await e.emit_webhook("fine_tuning.job.cancelled", {"id": job["id"]})
    return json_response(_public(job))


async def pause_or_resume(request: Request) -> Response:
    action = request.url.path.rsplit("/", 1)[-1]
    raise bad_request(
        f"The emulator does not {action} fine-tuning jobs; cancel the job instead.",
        param="fine_tuning_job_id",
    )


async def list_events(request: Request) -> Response:
    e = emu(request)
    job = _get(e, request.path_params["fine_tuning_job_id"])
    events = [
        {k: v for k, v in ev.items() if k != "job"}
        for ev in e.store.values("ft_events")
        if ev["job"] == job["id"]
    ]
    return json_response(cursor_page(request, events))


async def list_checkpoints(request: Request) -> Response:
    e = emu(request)
    job = _get(e, request.path_params["fine_tuning_job_id"])
    checkpoints = [
        c
        for c in e.store.values("ft_checkpoints")
        if c["fine_tuning_job_id"] == job["id"]
    ]
    return json_response(cursor_page(request, checkpoints, default_limit=10))


def _examples(data: bytes) -> int | None:
    """The number of training examples, or None if the file is not chat/prompt JSONL."""
    count = 0
    for line in data.decode("utf-8", "replace").splitlines():
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            return None
        fields = as_obj(row)
        if fields is None or not ({"messages", "prompt", "input"} & set(fields)):
            return None
        count += 1
    return count or None


def _model_name(job: JSON, checkpoint_step: int | None = None) -> str:
    suffix = job.get("user_provided_suffix") or ""
    name = f"ft:{job['model']}:emulator:{suffix}:{job['id'][-8:]}"
    return name if checkpoint_step is None else f"{name}:ckpt-step-{checkpoint_step}"


async def advance(e: Emulated) -> None:
    span = e.config.fine_tune_seconds
    now = e.clock.now()
    for job in e.store.values("fine_tuning_jobs"):
        if job["status"] in TERMINAL:
            continue
        clock = e.store.get("_ft_clock", job["id"]) or {"start": now, "epochs_done": 0}
        elapsed = (now - float(clock["start"])) / span if span > 0 else 1.0
        if job["status"] == "validating_files" and elapsed >= 0.1:
            examples = _examples(file_bytes(e, job["training_file"]))
            if examples is None:
                job.update(
                    status="failed",
                    finished_at=e.now(),
                    error={
                        "code": "invalid_training_file",
                        "message": "The training file must be JSONL with a 'messages' (or 'prompt'/'input') field on every line.",
                        "param": "training_file",
                    },
                )
                e.store.put("fine_tuning_jobs", job["id"], job)
                _event(e, job, "Training file validation failed")
                await e.emit_webhook("fine_tuning.job.failed", {"id": job["id"]})
                continue
            clock["examples"] = examples
            job["status"] = "queued"
            _event(e, job, "Files validated, moving job to queued state")
        if job["status"] == "queued" and elapsed >= 0.2:
            job["status"] = "running"
            job["estimated_finish"] = int(float(clock["start"]) + span) + 1
            _event(e, job, "Fine-tuning job started")
        if job["status"] == "running":
            _checkpoints(e, job, clock, elapsed)
            if elapsed >= 1.0:
                _succeed(e, job, clock)
                e.store.put("fine_tuning_jobs", job["id"], job)
                e.store.put("_ft_clock", job["id"], clock)
                await e.emit_webhook("fine_tuning.job.succeeded", {"id": job["id"]})
                continue
        e.store.put("fine_tuning_jobs", job["id"], job)
        e.store.put("_ft_clock", job["id"], clock)


def _checkpoints(e: Emulated, job: JSON, clock: JSON, elapsed: float) -> None:
    epochs = int(job["hyperparameters"]["n_epochs"])
    steps_per_epoch = max(
        1, int(clock.get("examples", 1)) // int(job["hyperparameters"]["batch_size"])
    )
    while (
        clock["epochs_done"] < epochs
        and elapsed >= 0.2 + 0.75 * (clock["epochs_done"] + 1) / epochs
    ):
        clock["epochs_done"] += 1
        step = clock["epochs_done"] * steps_per_epoch
        loss = round(1.0 / (clock["epochs_done"] + 1), 4)
        metrics = {
            "step": step,
            "train_loss": loss,
            "train_mean_token_accuracy": round(1 - loss / 2, 4),
            "valid_loss": loss,
            "valid_mean_token_accuracy": round(1 - loss / 2, 4),
            "full_valid_loss": loss,
            "full_valid_mean_token_accuracy": round(1 - loss / 2, 4),
        }
        _event(
            e,
            job,
            f"Step {step}/{epochs * steps_per_epoch}: training loss={loss}",
            "metrics",
            metrics,
        )
        checkpoint: JSON = {
            "id": e.new_id("ftckpt_", 24),
            "object": "fine_tuning.job.checkpoint",
            "created_at": e.now(),
            "fine_tuned_model_checkpoint": _model_name(job, step),
            "fine_tuning_job_id": job["id"],
            "metrics": metrics,
            "step_number": step,
        }
        e.store.put("ft_checkpoints", checkpoint["id"], checkpoint)


def _succeed(e: Emulated, job: JSON, clock: JSON) -> None:
    name = _model_name(job)
    rows = ["step,train_loss,train_accuracy"] + [
        f"{c['step_number']},{c['metrics']['train_loss']},{c['metrics']['train_mean_token_accuracy']}"
        for c in e.store.values("ft_checkpoints")
        if c["fine_tuning_job_id"] == job["id"]
    ]
    results = create_file(
        e, "step_metrics.csv", ("\n".join(rows) + "\n").encode(), "fine-tune-results"
    )
    examples = int(clock.get("examples", 1))
    job.update(
        status="succeeded",
        fine_tuned_model=name,
        finished_at=e.now(),
        result_files=[results["id"]],
        trained_tokens=examples * 100 * int(job["hyperparameters"]["n_epochs"]),
    )
    e.store.put(
        "models",
        name,
        {
            "id": name,
            "object": "model",
            "created": e.now(),
            "owned_by": "user-emulator",
        },
    )
    _event(e, job, f"New fine-tuned model created: {name}")
    _event(e, job, "The job has successfully completed")


_JOB = "/fine_tuning/jobs/{fine_tuning_job_id}"
ROUTES: list[BaseRoute] = [
    Route("/fine_tuning/jobs", create, methods=["POST"]),
    Route("/fine_tuning/jobs", list_jobs, methods=["GET"]),
    Route(_JOB, retrieve, methods=["GET"]),
    Route(_JOB + "/cancel", cancel, methods=["POST"]),
    Route(_JOB + "/pause", pause_or_resume, methods=["POST"]),
    Route(_JOB + "/resume", pause_or_resume, methods=["POST"]),
    Route(_JOB + "/events", list_events, methods=["GET"]),
    Route(_JOB + "/checkpoints", list_checkpoints, methods=["GET"]),
]

TICKERS = [advance]
