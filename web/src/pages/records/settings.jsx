// The organisation's settings (/records/settings): the language, the time zone, the
// smallest group an aggregate may describe, the thresholds of the pitfall rules and
// the planners, and where the e-mail goes out (never the SMTP password), each with
// what it is for (from the API, in the reader's language), its
// unit and range. Saving sends only the settings that changed; the API stores all of
// them or none, and a refusal shows beside its setting. A setting the API says is not
// editable (the SMTP ones on a server whose operator keeps them) is not offered: its
// group says why instead.
import { useState } from 'preact/hooks';
import { get, patch } from '../../core/api.js';
import { t, fmtNumber } from '../../core/i18n.js';
import { useForm } from '../../core/form.js';
import { Page, Loaded, useApi, Input, Select, Submit, Done } from '../../core/ui.jsx';
import { loadNames } from './names.js';

const GROUPS = [
	['organisation', ['locale', 'timezone', 'k', 'k_survey', 'retention_months']],
	['planners', ['selling_hours', 'bonus_floor_pct', 'bonus_cap_pct', 'impact_months']],
	['email', ['smtp_url', 'smtp_from', 'smtp_user']],
];
const groupOf = (key) => (GROUPS.find(([, keys]) => keys.includes(key)) || ['rules'])[0];
const ORDER = ['organisation', 'rules', 'planners', 'email'];
const NUMBER = /^-?\d+(\.\d+)?$/;

const asText = (v) => (v === null || v === undefined ? '' : String(v));
// A help text as a label: with a capital, unless it starts with the rule it is of (no-ride-alongs: ...).
const sentence = (s) => (/^[a-z]+(-[a-z]+)+[,:]/.test(s) ? s : s.charAt(0).toUpperCase() + s.slice(1));

function hint(s) {
	const unit = s.unit ? t(`records.unit.${s.unit}`) : '';
	const parts = [];
	if (s.min !== null && s.max !== null)
		parts.push(t('records.settings.range', { min: fmtNumber(s.min, 2), max: fmtNumber(s.max, 2), unit }).trim());
	if (s.default === '') return parts.join(' · ');
	parts.push(t('records.settings.default', {
		value: typeof s.default === 'number' ? fmtNumber(s.default, 2) : s.default,
	}));
	return parts.join(' · ');
}

function Setting({ s, form, people }) {
	const text = sentence(s.help);
	if (s.type === 'choice')
		return <Select form={form} name={s.key} label={text} hint={hint(s)}
			options={s.choices.map((c) => [c, s.key === 'locale' ? t(`shell.lang.${c}`) : c])} />;
	if (s.key === 'supervision_reviewer' && people)
		return <Select form={form} name={s.key} label={t('records.settings.reviewer')} hint={t('records.settings.reviewer_hint')}
			options={[['0', t('records.settings.nobody')], ...people.options]} />;
	if (s.type === 'timezone' || s.type === 'text')
		return <Input form={form} name={s.key} label={text} hint={hint(s)} autocomplete="off" />;
	return <Input form={form} name={s.key} label={text} hint={hint(s)} type="number" min={s.min} max={s.max}
		step={s.type === 'integer' ? 1 : 'any'} inputMode={s.type === 'integer' ? 'numeric' : 'decimal'} />;
}

function SettingsForm({ settings: first, people }) {
	const [settings, setSettings] = useState(first);
	const values = (list) => Object.fromEntries(list.map((s) => [s.key, asText(s.value)]));
	const f = useForm('records.settings', values(first));
	const [done, setDone] = useState(null);
	async function send(ev) {
		ev.preventDefault();
		setDone(null);
		const body = {};
		for (const s of settings.filter((x) => x.editable)) {
			const v = asText(f.values[s.key]).trim();
			if (v === asText(s.value)) continue;
			body[s.key] = (s.type === 'integer' || s.type === 'number') && NUMBER.test(v) ? Number(v) : v;
		}
		const n = Object.keys(body).length;
		if (!n) { setDone(t('records.unchanged')); return; }
		const answer = await f.submit(() => patch('/settings', body));
		if (!answer) return;
		setSettings(answer.settings);
		f.reset(values(answer.settings));
		setDone(t('records.settings.saved', { n }));
	}
	return (
		<form onSubmit={send} noValidate>
			{ORDER.map((g) => (
				<fieldset>
					<legend>{t(`records.settings.group.${g}`)}</legend>
					{settings.filter((s) => groupOf(s.key) === g && s.editable).map((s) => <Setting s={s} form={f} people={people} />)}
					{settings.some((s) => groupOf(s.key) === g && !s.editable) && <p class="hint">{t(`records.settings.kept.${g}`)}</p>}
				</fieldset>
			))}
			<Submit form={f}>{t('common.save')}</Submit>
			<Done>{done}</Done>
		</form>
	);
}

export function Settings() {
	const state = useApi(async () => {
		const [answer, names] = await Promise.all([get('/settings'), loadNames(['people'])]);
		return { settings: answer.settings, people: names.people };
	});
	return (
		<Page title={t('records.settings.title')} intro={t('records.settings.intro')}>
			<p><a href="/records">{t('records.back_home')}</a></p>
			<Loaded state={state}>{(d) => <SettingsForm settings={d.settings} people={d.people} />}</Loaded>
		</Page>
	);
}
