#!/usr/bin/env python3
"""A scripted stand-in for LLM vendor APIs on 127.0.0.1, for capturing real client files as test fixtures.

Test-support only: never part of the build or of CI's default run, never reaches the network. Each model call
gets the next usage figures of a fixed script (call n: see usage_for), answers a short text, and is appended to
a JSON-lines log with the exact figures sent, so the expected totals of a capture come from this log.

Speaks: OpenAI chat completions (stream and not), OpenAI Responses (SSE), Gemini generateContent /
streamGenerateContent / countTokens, and GET /v1/models.

    python3 fake_llm_api.py --port 18080 --log calls.jsonl
"""
import argparse
import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

COUNTER = itertools.count(1)
LOCK = threading.Lock()


def usage_for(n):
    """Call n's figures: distinct per call so that a double count or a missed call shows in any total."""
    return {
        "input": 1000 * n + 234,      # whole prompt, cached part included
        "cached": 0 if n == 1 else 500 * (n - 1),
        "output": 40 + 7 * n,          # reasoning included
        "reasoning": 3 * n,
    }


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    log_path = None

    def log_message(self, fmt, *args):
        pass

    def _body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            raw = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    break
                raw += self.rfile.read(size)
                self.rfile.readline()
        else:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
        try:
            return json.loads(raw or b"{}")
        except ValueError:
            return {}

    def _next_call(self, api, model, stream):
        with LOCK:
            n = next(COUNTER)
            u = usage_for(n)
            with open(self.log_path, "a", encoding="utf-8") as log:
                log.write(json.dumps({"call": n, "at": time.time(), "api": api, "path": self.path,
                                      "model": model, "stream": stream, "usage": u}) + "\n")
        return n, u

    def _json(self, obj, status=200):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _sse(self, events):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        for name, data in events:
            chunk = ""
            if name:
                chunk += "event: " + name + "\n"
            chunk += "data: " + (data if isinstance(data, str) else json.dumps(data)) + "\n\n"
            self.wfile.write(chunk.encode())
            self.wfile.flush()
        self.close_connection = True

    def do_GET(self):
        if self.path.rstrip("/").endswith("/models"):
            self._json({"object": "list", "data": [{"id": m, "object": "model", "created": 0, "owned_by": "fake"}
                                                   for m in ("fake-model", "gpt-5.5", "gpt-4.1")]})
        else:
            self._json({"error": {"message": "not found: " + self.path}}, 404)

    def do_POST(self):
        body = self._body()
        path = self.path.split("?")[0]
        if path.endswith("/chat/completions"):
            self.chat(body)
        elif path.endswith("/responses"):
            self.openai_responses(body)
        elif ":countTokens" in path:
            self._json({"totalTokens": 42})
        elif ":streamGenerateContent" in path or ":generateContent" in path:
            self.gemini(body, path, ":streamGenerateContent" in path)
        else:
            self._json({"error": {"message": "not found: " + self.path}}, 404)

    def chat(self, body):
        model = body.get("model", "")
        stream = bool(body.get("stream"))
        n, u = self._next_call("chat", model, stream)
        text = "OK %d" % n
        usage = {"prompt_tokens": u["input"], "completion_tokens": u["output"],
                 "total_tokens": u["input"] + u["output"],
                 "prompt_tokens_details": {"cached_tokens": u["cached"]},
                 "completion_tokens_details": {"reasoning_tokens": u["reasoning"]}}
        base = {"id": "chatcmpl-%d" % n, "created": int(time.time()), "model": model}
        if not stream:
            self._json(dict(base, object="chat.completion", choices=[{"index": 0, "finish_reason": "stop",
                       "message": {"role": "assistant", "content": text}}], usage=usage))
            return
        chunk = dict(base, object="chat.completion.chunk")
        self._sse([
            (None, dict(chunk, choices=[{"index": 0, "delta": {"role": "assistant", "content": text},
                                         "finish_reason": None}])),
            (None, dict(chunk, choices=[{"index": 0, "delta": {}, "finish_reason": "stop"}])),
            (None, dict(chunk, choices=[], usage=usage)),
            (None, "[DONE]"),
        ])

    def openai_responses(self, body):
        model = body.get("model", "")
        n, u = self._next_call("responses", model, True)
        text = "OK %d" % n
        rid, mid = "resp_%d" % n, "msg_%d" % n
        item = {"id": mid, "type": "message", "status": "completed", "role": "assistant",
                "content": [{"type": "output_text", "text": text, "annotations": []}]}
        usage = {"input_tokens": u["input"], "input_tokens_details": {"cached_tokens": u["cached"]},
                 "output_tokens": u["output"], "output_tokens_details": {"reasoning_tokens": u["reasoning"]},
                 "total_tokens": u["input"] + u["output"]}
        resp = {"id": rid, "object": "response", "created_at": int(time.time()), "model": model,
                "status": "in_progress", "output": []}
        seq = itertools.count()
        events = [
            ("response.created", {"type": "response.created", "response": resp}),
            ("response.in_progress", {"type": "response.in_progress", "response": resp}),
            ("response.output_item.added", {"type": "response.output_item.added", "output_index": 0,
                                            "item": dict(item, status="in_progress", content=[])}),
            ("response.content_part.added", {"type": "response.content_part.added", "item_id": mid,
                                             "output_index": 0, "content_index": 0,
                                             "part": {"type": "output_text", "text": "", "annotations": []}}),
            ("response.output_text.delta", {"type": "response.output_text.delta", "item_id": mid,
                                            "output_index": 0, "content_index": 0, "delta": text}),
            ("response.output_text.done", {"type": "response.output_text.done", "item_id": mid,
                                           "output_index": 0, "content_index": 0, "text": text}),
            ("response.content_part.done", {"type": "response.content_part.done", "item_id": mid,
                                            "output_index": 0, "content_index": 0,
                                            "part": item["content"][0]}),
            ("response.output_item.done", {"type": "response.output_item.done", "output_index": 0, "item": item}),
            ("response.completed", {"type": "response.completed",
                                    "response": dict(resp, status="completed", output=[item], usage=usage)}),
        ]
        for _, data in events:
            data["sequence_number"] = next(seq)
        self._sse(events)

    def gemini(self, body, path, stream):
        model = path.split("/models/")[-1].split(":")[0]
        n, u = self._next_call("gemini", model, stream)
        text = "OK %d" % n
        usage = {"promptTokenCount": u["input"], "cachedContentTokenCount": u["cached"],
                 "candidatesTokenCount": u["output"] - u["reasoning"], "thoughtsTokenCount": u["reasoning"],
                 "totalTokenCount": u["input"] + u["output"]}
        if body.get("generationConfig", {}).get("responseMimeType") == "application/json":
            # Helper calls (next speaker, routing) ask for JSON: answer in kind so the client carries on.
            text = json.dumps({"reasoning": "done", "next_speaker": "user", "model_choice": "pro"})
        reply = {"candidates": [{"content": {"role": "model", "parts": [{"text": text}]}, "finishReason": "STOP",
                                 "index": 0}], "usageMetadata": usage, "modelVersion": model}
        if stream:
            self._sse([(None, reply)])
        else:
            self._json(reply)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=18080)
    ap.add_argument("--log", required=True)
    args = ap.parse_args()
    Handler.log_path = args.log
    ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
