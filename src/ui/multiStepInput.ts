// One step of a wizard (src/core/policy/multiStep.ts) in a quick input: the step counter, a Back button from
// the second step on, the earlier answer prefilled. Validation is synchronous and runs on every
// keystroke, so a late answer can never overwrite a newer one (the sample's race, avoided by design).
import * as vscode from 'vscode';
import type { PickItem, StepAnswer, StepView } from '../core/policy/multiStep';

export function showStep(view: StepView): Promise<StepAnswer> {
  return view.step.kind === 'pick' ? showPick(view) : showText(view);
}

function showText(view: StepView): Promise<StepAnswer> {
  const input = vscode.window.createInputBox();
  input.title = view.step.title;
  input.step = view.position;
  input.totalSteps = view.total;
  input.value = view.value;
  input.prompt = view.prompt;
  input.placeholder = view.step.kind === 'text' ? view.step.placeholder : undefined;
  input.ignoreFocusOut = true;
  input.buttons = view.canGoBack ? [vscode.QuickInputButtons.Back] : [];
  input.validationMessage = view.value ? view.validate(view.value) : undefined;
  return settle(input, (resolve) => [
    input.onDidChangeValue((value) => (input.validationMessage = view.validate(value))),
    input.onDidAccept(() => {
      const error = view.validate(input.value);
      input.validationMessage = error;
      if (!error) resolve({ kind: 'value', value: input.value });
    }),
  ]);
}

function showPick(view: StepView): Promise<StepAnswer> {
  type Item = vscode.QuickPickItem & { value: string };
  const pick = vscode.window.createQuickPick<Item>();
  const items: Item[] = (view.items ?? []).map((item: PickItem) => ({ ...item }));
  pick.title = view.step.title;
  pick.step = view.position;
  pick.totalSteps = view.total;
  pick.placeholder = view.step.kind === 'pick' ? view.step.placeholder : undefined;
  pick.ignoreFocusOut = true;
  pick.items = items;
  pick.activeItems = items.filter((item) => item.value === view.value);
  pick.buttons = view.canGoBack ? [vscode.QuickInputButtons.Back] : [];
  return settle(pick, (resolve) => [
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      if (chosen) resolve({ kind: 'value', value: chosen.value });
    }),
  ]);
}

/** Shows the input until it resolves, Back is pressed or it is hidden (Escape = cancel); then disposes it. */
function settle(
  input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem & { value: string }>,
  listen: (resolve: (answer: StepAnswer) => void) => vscode.Disposable[],
): Promise<StepAnswer> {
  return new Promise<StepAnswer>((resolve) => {
    let done = false;
    const finish = (answer: StepAnswer) => {
      if (done) return;
      done = true;
      for (const d of disposables) d.dispose();
      input.dispose();
      resolve(answer);
    };
    const disposables = [
      ...listen(finish),
      input.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && finish({ kind: 'back' })),
      input.onDidHide(() => finish({ kind: 'cancel' })),
    ];
    input.show();
  });
}
