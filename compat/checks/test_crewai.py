"""crewai: the native OpenAI LLM (chat completions, streaming, responses) and a one-agent crew."""

from __future__ import annotations

from conftest import FAKE_KEY
from crewai import LLM, Agent, Crew, Task
from fake_server import FakeOpenAI, text


def _llm(fake: FakeOpenAI, **kwargs: object) -> LLM:
    return LLM(model="gpt-4o-mini", base_url=fake.base_url, api_key=FAKE_KEY, **kwargs)  # type: ignore[arg-type]


def test_llm_call(fake: FakeOpenAI) -> None:
    fake.enqueue(text("CrewAI answered."))
    llm = _llm(fake, temperature=0.4)

    assert type(llm).__module__.startswith(
        "crewai.llms.providers.openai"
    )  # native SDK path, not litellm
    assert llm.call("Say something") == "CrewAI answered."
    (request,) = fake.requests_to("/chat/completions")
    assert request.json["model"] == "gpt-4o-mini"
    assert request.json["temperature"] == 0.4
    assert request.json["messages"][-1] == {"role": "user", "content": "Say something"}


def test_llm_call_streaming(fake: FakeOpenAI) -> None:
    reply = "CrewAI streamed this answer."
    fake.enqueue(text(reply))

    assert _llm(fake, stream=True).call("stream it") == reply
    (request,) = fake.requests_to("/chat/completions")
    assert request.json["stream"] is True


def test_llm_call_over_responses(fake: FakeOpenAI) -> None:
    fake.enqueue(text("CrewAI over responses."))

    assert _llm(fake, api="responses").call("hello") == "CrewAI over responses."
    (request,) = fake.requests_to("/responses")
    assert request.json["model"] == "gpt-4o-mini"


def test_crew_kickoff(fake: FakeOpenAI) -> None:
    fake.enqueue(
        text("Thought: I now know the final answer\nFinal Answer: The answer is 42.")
    )
    agent = Agent(
        role="Calculator",
        goal="Answer questions",
        backstory="Good at sums.",
        llm=_llm(fake),
    )
    task = Task(
        description="What is 6 times 7?", expected_output="A number", agent=agent
    )
    crew = Crew(agents=[agent], tasks=[task])
    result = crew.kickoff()

    assert result.raw == "The answer is 42."
    requests = fake.requests_to("/chat/completions")
    assert requests and "What is 6 times 7?" in str(requests[0].json["messages"])
