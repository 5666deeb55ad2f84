package cdp

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"
)

// Page is one tab of the browser, reached through its own session.
type Page struct {
	b       *Browser
	session string
}

// errorsScript records the page's uncaught errors before any of its own
// scripts run, so that a test can ask for them.
const errorsScript = `window.__cdpErrors = [];
window.addEventListener('error', function (e) { window.__cdpErrors.push(String(e.message)); });
window.addEventListener('unhandledrejection', function (e) { window.__cdpErrors.push(String(e.reason)); });`

// NewPage opens a tab with a viewport of width×height CSS pixels.
func (b *Browser) NewPage(ctx context.Context, width, height int) (*Page, error) {
	var target struct {
		TargetID string `json:"targetId"`
	}
	if err := b.Call(ctx, "", "Target.createTarget", map[string]any{"url": "about:blank"}, &target); err != nil {
		return nil, err
	}
	var att struct {
		SessionID string `json:"sessionId"`
	}
	if err := b.Call(ctx, "", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &att); err != nil {
		return nil, err
	}
	p := &Page{b: b, session: att.SessionID}
	if err := p.call(ctx, "Page.enable", nil, nil); err != nil {
		return nil, err
	}
	if err := p.call(ctx, "Page.addScriptToEvaluateOnNewDocument", map[string]any{"source": errorsScript}, nil); err != nil {
		return nil, err
	}
	return p, p.Resize(ctx, width, height, false)
}

func (p *Page) call(ctx context.Context, method string, params, result any) error {
	return p.b.Call(ctx, p.session, method, params, result)
}

// Resize sets the viewport; mobile makes the page lay out as on a phone.
func (p *Page) Resize(ctx context.Context, width, height int, mobile bool) error {
	scale := 1.0
	if mobile {
		scale = 2
	}
	return p.call(ctx, "Emulation.setDeviceMetricsOverride", map[string]any{
		"width": width, "height": height, "deviceScaleFactor": scale, "mobile": mobile,
	}, nil)
}

// Media emulates a CSS media type: "print", or "" for the screen.
func (p *Page) Media(ctx context.Context, media string) error {
	return p.call(ctx, "Emulation.setEmulatedMedia", map[string]any{"media": media}, nil)
}

// Navigate loads url and waits until the document and its scripts have
// loaded.
func (p *Page) Navigate(ctx context.Context, url string) error {
	var nav struct {
		ErrorText string `json:"errorText"`
	}
	if err := p.call(ctx, "Page.navigate", map[string]any{"url": url}, &nav); err != nil {
		return err
	}
	if nav.ErrorText != "" {
		return fmt.Errorf("navigate to %s: %s", url, nav.ErrorText)
	}
	return p.WaitFor(ctx, `document.readyState === "complete" && location.href !== "about:blank"`)
}

// WaitFor polls a JavaScript condition until it is true.
func (p *Page) WaitFor(ctx context.Context, cond string) error {
	for {
		var ok bool
		if err := p.Eval(ctx, "Boolean("+cond+")", &ok); err != nil {
			return err
		}
		if ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for %s: %w", cond, ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// Eval evaluates a JavaScript expression in the page and decodes its
// value, which must be JSON-serialisable, into out (when not nil).
func (p *Page) Eval(ctx context.Context, expr string, out any) error {
	var res struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		Exception *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	err := p.call(ctx, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true}, &res)
	if err != nil {
		return err
	}
	if e := res.Exception; e != nil {
		return fmt.Errorf("evaluate %q: %s %s", expr, e.Text, e.Exception.Description)
	}
	if out == nil || len(res.Result.Value) == 0 {
		return nil
	}
	return json.Unmarshal(res.Result.Value, out)
}

// Errors returns the page's uncaught script errors so far.
func (p *Page) Errors(ctx context.Context) ([]string, error) {
	var errs []string
	err := p.Eval(ctx, "window.__cdpErrors || []", &errs)
	return errs, err
}

// Click scrolls the first element that matches a CSS selector into view
// and clicks its centre with the mouse, as a person would: the page sees
// real pointer events, not a synthetic element.click().
func (p *Page) Click(ctx context.Context, selector string) error {
	var box struct{ X, Y float64 }
	sel, _ := json.Marshal(selector)
	expr := fmt.Sprintf(`(function () {
  var e = document.querySelector(%s);
  if (!e) { return null; }
  e.scrollIntoView({block: "center", inline: "center"});
  var r = e.getBoundingClientRect();
  return {X: r.left + r.width / 2, Y: r.top + r.height / 2};
}())`, sel)
	var found json.RawMessage
	if err := p.Eval(ctx, expr, &found); err != nil {
		return err
	}
	if string(found) == "null" || len(found) == 0 {
		return fmt.Errorf("click: nothing matches %s", selector)
	}
	if err := json.Unmarshal(found, &box); err != nil {
		return err
	}
	for _, typ := range []string{"mouseMoved", "mousePressed", "mouseReleased"} {
		ev := map[string]any{"type": typ, "x": box.X, "y": box.Y}
		if typ != "mouseMoved" {
			ev["button"] = "left"
			ev["clickCount"] = 1
		}
		if err := p.call(ctx, "Input.dispatchMouseEvent", ev, nil); err != nil {
			return err
		}
	}
	return nil
}

// Key presses and releases a key, such as "Escape".
func (p *Page) Key(ctx context.Context, key string) error {
	for _, typ := range []string{"keyDown", "keyUp"} {
		if err := p.call(ctx, "Input.dispatchKeyEvent", map[string]any{"type": typ, "key": key, "code": key}, nil); err != nil {
			return err
		}
	}
	return nil
}

// Screenshot returns a PNG of the viewport.
func (p *Page) Screenshot(ctx context.Context) ([]byte, error) {
	var shot struct {
		Data string `json:"data"`
	}
	if err := p.call(ctx, "Page.captureScreenshot", map[string]any{"format": "png"}, &shot); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(shot.Data)
}

// PDF prints the page as Chromium's print preview would, and returns the
// PDF.
func (p *Page) PDF(ctx context.Context) ([]byte, error) {
	var pdf struct {
		Data string `json:"data"`
	}
	if err := p.call(ctx, "Page.printToPDF", map[string]any{"preferCSSPageSize": true, "printBackground": true}, &pdf); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(pdf.Data)
}
