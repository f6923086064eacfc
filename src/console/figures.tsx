import type { Child } from 'hono/jsx'
import type { IsoDate } from '../domain/dates.js'
import type { ActivityStatus } from '../domain/types.js'
import type { DigestWeek } from '../domain/scheduled-messages.js'
import { capaianPercent, compliancePercent, formatPercent, pointsChange, t } from '../messages/index.js'

// Numbers as the Beranda and the Dasbor show them: the digest message's percentages and words, in cells.

/** "1.530" */
export const thousands = (n: number) => Math.round(n).toLocaleString('id-ID')

/** A percentage with the bot's comma, or a dash when there is nothing to divide by. */
export const percent = (v: number | null) => (v === null ? '—' : formatPercent(v))

export const compliance = (w: DigestWeek) => percent(compliancePercent(w))

/** Capaian of approved minutes against the target, as the digest rounds the target. */
export const capaian = (w: DigestWeek) => percent(capaianPercent(w.approvedMinutes, Math.round(w.targetMinutes)))

/** The change in compliance against the week before, as the digest words it ("▲ 14,2 poin"). */
export const complianceChange = (now: DigestWeek, before: DigestWeek) => pointsChange(compliancePercent(now), compliancePercent(before))

export const statusLabel = (s: string) => t(`status.${s as ActivityStatus}` as 'status.DIAJUKAN')

export const days = (n: number) => `${n} hari kerja`

const DAY = ['Min', 'Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab']
/** A date in a table cell, short enough for a phone: "Jum, 20/11/2026". */
export function shortDate(date: IsoDate): string {
  const [y, m, d] = date.split('-')
  return `${DAY[new Date(`${date}T00:00:00Z`).getUTCDay()]}, ${d}/${m}/${y}`
}

/** Work days waited, red from the escalation age on. */
export function Age(props: { days: number | null; threshold: number }) {
  if (props.days === null) return <span class="muted">—</span>
  return <span class={props.days >= props.threshold ? 'bad' : undefined}>{days(props.days)}</span>
}

export function Card(props: { label: string; value: Child; note?: Child; id?: string }) {
  return (
    <div class="card" id={props.id}>
      <div class="muted">{props.label}</div>
      <div class="big">{props.value}</div>
      {props.note ? <div class="muted">{props.note}</div> : null}
    </div>
  )
}

/** An SVG from the chart renderer, in the page (our own markup: every text in it is escaped there). */
export function Chart(props: { svg: string; label: string; id?: string }) {
  return <figure class="chart" id={props.id} role="img" aria-label={props.label} dangerouslySetInnerHTML={{ __html: props.svg }} />
}

/** Styles of these two sections only (the frame's CSS is in layout.tsx). */
export const SECTION_CSS = `
.chart{margin:.6rem 0;background:#fff;border:1px solid #e3e7ee;border-radius:6px;padding:.3rem;overflow:hidden}
.chart svg{display:block;width:100%;height:auto}
.crumbs{margin:.2rem 0 .8rem;font-size:.95em;overflow-wrap:anywhere}
form.week{display:flex;flex-wrap:wrap;gap:.4rem .6rem;align-items:end;margin:.4rem 0 .8rem}form.week label{margin:0}
.weeknav{display:flex;flex-wrap:wrap;gap:.3rem 1rem;margin:.2rem 0 .8rem}
td.num,th.num{white-space:nowrap}.state-silent{color:#a4262c;font-weight:600}.state-ok{color:#1f7a35}
details{margin:.4rem 0}summary{cursor:pointer;color:#0b5cad}
`
