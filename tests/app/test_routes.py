"""The CSV download and health check routes."""

from __future__ import annotations

import csv
import io

import mpmath
import numpy as np
import pytest


def rows(response):
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def test_export_of_the_readme_example_has_eleven_correct_rows(client):
    response = client.get("/export.csv?fn=sigmoid,relu&xmin=-5&xmax=5&n=11&deriv=1")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert 'filename="activations_sigmoid-relu_-5_5.csv"' in response.headers["Content-Disposition"]
    header, *data = rows(response)
    assert header == ["x", "sigmoid", "relu", "d_sigmoid", "d_relu"]
    assert len(data) == 11
    for x_text, s, r, ds, dr in data:
        x = mpmath.mpf(x_text)
        sig = 1 / (1 + mpmath.exp(-x))
        assert float(s) == pytest.approx(float(sig), rel=1e-15)
        assert float(ds) == pytest.approx(float(sig * (1 - sig)), rel=1e-14)
        assert float(r) == max(float(x), 0.0)
        assert float(dr) == (1.0 if x > 0 else 0.0)
    assert [row[0] for row in data] == [repr(float(v)) for v in np.linspace(-5, 5, 11)]


def test_export_defaults_to_the_default_view(client):
    header, *data = rows(client.get("/export.csv"))
    assert header[:4] == ["x", "sigmoid", "step", "relu"]
    assert len(data) == 201


@pytest.mark.parametrize(
    "query",
    [
        "fn=sigmoyd",
        "fn=",
        "xmin=abc",
        "xmin=nan",
        "xmax=inf",
        "xmin=5&xmax=1",
        "n=1",
        "n=100000",
        "n=2.5",
        "xmin=-2e6",
        "deriv=maybe",
        "fn="
        + ",".join(
            ["relu", "step", "sigmoid", "tanh", "elu", "gelu", "silu", "identity", "softplus"]
        ),
        "fn=relu&relu.alpha=1",
        "fn=elu&elu.beta=1",
        "fn=leaky_relu&leaky_relu.alpha=5",
        "foo=bar",
        "fn=relu&fn=step",
        "xmin=" + "1" * 10_000,
    ],
)
def test_invalid_export_queries_get_400_with_a_reason(client, query):
    response = client.get("/export.csv?" + query)
    assert response.status_code == 400
    assert response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert text.startswith("Invalid query:")
    assert len(text) < 2_000
    # The reason says what is wrong; nothing was repaired, so it says no more.
    assert "using" not in text and "showing" not in text and "clamped" not in text


def test_export_only_answers_get(client):
    assert client.post("/export.csv").status_code == 405


def test_healthz_proves_the_library_evaluates(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["check"] == {"sigmoid(0)": 0.5, "sigmoid'(0)": 0.25}
    assert body["activations"] >= 10


def test_the_page_is_served(client):
    response = client.get("/?fn=relu")
    assert response.status_code == 200
    assert b"Activation Explorer" in response.data


def test_export_includes_the_custom_function_and_its_derivative(client):
    response = client.get("/export.csv?fn=relu&expr=x**2&xmin=-1&xmax=1&n=3&deriv=1")
    assert response.status_code == 200
    header, *data = rows(response)
    assert header == ["x", "relu", "custom", "d_relu", "d_custom"]
    assert [row[2] for row in data] == ["1.0", "0.0", "1.0"]
    assert [row[4] for row in data] == ["-2.0", "0.0", "2.0"]


def test_export_of_a_broken_custom_function_is_a_400_with_a_suggestion(client):
    response = client.get("/export.csv?expr=sigmoyd(x)")
    assert response.status_code == 400
    assert "did you mean 'sigmoid'" in response.get_data(as_text=True).lower()


@pytest.mark.parametrize(
    ("url", "header", "lang"),
    [
        ("/", None, "en"),
        ("/?lang=ja", None, "ja"),
        ("/", "ja-JP,ja;q=0.9", "ja"),
        ("/?lang=en", "ja-JP,ja;q=0.9", "en"),
        ("/?lang=xx", "ja", "ja"),
    ],
)
def test_the_html_lang_follows_the_query_then_accept_language(client, url, header, lang):
    headers = {"Accept-Language": header} if header else {}
    page = client.get(url, headers=headers).get_data(as_text=True)
    assert f'<html lang="{lang}">' in page


def test_export_reasons_follow_the_query_language(client):
    text = client.get("/export.csv?n=abc&lang=ja").get_data(as_text=True)
    assert "数ではありません" in text
