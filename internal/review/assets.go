package review

// css is the page's style: Chinese typography, one colour per kind of
// highlight, a panel beside the text, and a print style.
const css = `
:root{--ink:#1d1d1f;--mute:#6b6b70;--rule:#e3e1dc;--paper:#fdfcf9;--panel:#f6f4ef;
--indicator:#fff1b8;--value:#ffc069;--facility:#bae7ff;--mention:#91d5ff;--total:#d9f7be;
--project:#f4ffb8;--item:#d3f5e3;--heading:#efdbff;--document:#ffd6e7;--warning:#ff4d4f;--table:transparent}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--ink);background:var(--paper);display:flex;flex-direction:column;height:100vh;
font-family:"Noto Serif CJK SC","Source Han Serif SC","Songti SC","STSong","SimSun","Noto Sans CJK SC","WenQuanYi Zen Hei","WenQuanYi Micro Hei",serif;
font-size:16px;line-height:1.85;text-rendering:optimizeLegibility;font-kerning:normal}
header,aside,.tools,.ln::before,small,.counts{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei","WenQuanYi Zen Hei",sans-serif}
header{flex:none;padding:12px 24px 8px;border-bottom:1px solid var(--rule);background:#fff;box-shadow:0 1px 4px #0000000d;z-index:2}
h1{font-size:22px;line-height:1.4;margin:0 0 6px;font-weight:700;letter-spacing:.02em}
.meta{display:flex;flex-wrap:wrap;gap:2px 22px;margin:0;font-size:13px}
.meta div{display:flex;gap:6px}.meta dt{color:var(--mute)}.meta dd{margin:0}
.counts{display:flex;flex-wrap:wrap;gap:4px 14px;list-style:none;padding:0;margin:6px 0;font-size:12px;color:var(--mute)}
.counts b{color:var(--ink);font-size:14px}
.tools{display:flex;flex-wrap:wrap;align-items:center;gap:6px 10px;font-size:12px;padding-top:4px}
.filters label{cursor:pointer;white-space:nowrap;margin-right:6px}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:3px;vertical-align:-1px;border:1px solid #0002}
#q{font:inherit;font-size:13px;padding:3px 8px;border:1px solid #ccc;border-radius:4px;width:16em}
#hits{color:var(--mute)}
#wrap{flex:1;min-height:0;display:grid;grid-template-columns:minmax(0,1fr) minmax(320px,36%)}
main{padding:16px 28px 40vh;min-width:0;overflow:auto}
.ln{position:relative;white-space:pre-wrap;word-wrap:break-word;overflow-wrap:anywhere;tab-size:4;padding-left:3.6em;min-height:1.85em;max-width:52em}
.ln::before{content:attr(data-n);position:absolute;left:0;width:3em;text-align:right;color:#b5b2aa;font-size:11px;line-height:2.6;user-select:none}
.ln.e{min-height:.9em}.ln.e::before{content:none}
.ln.h{font-weight:700}.ln.h1{font-size:19px;margin-top:.6em}.ln.h2{font-size:17px;margin-top:.3em}
.bx{background:#f7f5ee;border-left:3px solid #d8cfb2}
.tbl{margin:.6em 0 .8em 3.6em;overflow-x:auto;max-width:calc(100% - 3.6em)}
.tbl.bx{padding:4px}
.tbl table{border-collapse:collapse;font-size:14px;line-height:1.55;background:#fff}
.tbl td,.tbl th{border:1px solid #cfcac0;padding:3px 7px;vertical-align:top;min-width:4.2em}
.tbl th{background:#f1eee6;font-weight:600}
mark{background:none;color:inherit;border-radius:2px;padding:0}
mark.k-indicator{background:var(--indicator)}
mark.k-value{background:var(--value);box-shadow:inset 0 -2px 0 #d48806}
mark.k-facility{background:var(--facility)}
mark.k-mention{background:var(--mention);box-shadow:inset 0 -2px 0 #1677ff}
mark.k-total{background:var(--total)}
mark.k-project{background:var(--project)}
mark.k-item{background:var(--item);box-shadow:inset 0 -1px 0 #389e0d}
mark.k-heading{background:var(--heading)}
mark.k-document{background:var(--document)}
mark.k-warning{text-decoration:underline wavy var(--warning);text-underline-offset:3px}
mark.k-table{background:none}
label.k-indicator .sw{background:var(--indicator)}label.k-value .sw{background:var(--value)}
label.k-facility .sw{background:var(--facility)}label.k-mention .sw{background:var(--mention)}
label.k-total .sw{background:var(--total)}label.k-project .sw{background:var(--project)}
label.k-item .sw{background:var(--item)}label.k-heading .sw{background:var(--heading)}
label.k-document .sw{background:var(--document)}label.k-warning .sw{background:#fff;border-color:var(--warning)}
label.k-table .sw{background:#fff}
body.off-table mark.k-table,body.off-project mark.k-project,body.off-indicator mark.k-indicator,body.off-total mark.k-total,
body.off-facility mark.k-facility,body.off-item mark.k-item,body.off-heading mark.k-heading,body.off-document mark.k-document,
body.off-value mark.k-value,body.off-mention mark.k-mention,body.off-warning mark.k-warning{background:none;box-shadow:none;text-decoration:none}
body.off-table .sec[data-kind=table],body.off-project .sec[data-kind=project],body.off-indicator .sec[data-kind=indicator],
body.off-total .sec[data-kind=total],body.off-facility .sec[data-kind=facility],body.off-heading .sec[data-kind=heading],
body.off-warning .sec[data-kind=warning]{display:none}
body.on-table mark.k-table{outline:1px dashed #999}
mark.flash,.ent.flash{animation:flash 1.6s ease-out}
@keyframes flash{0%,40%{outline:3px solid #f5222d;outline-offset:1px;background:#ffccc7}100%{outline:3px solid transparent}}
.ln.hit{background:#fffbe6;box-shadow:-4px 0 0 #faad14}
.ln.cur{box-shadow:-4px 0 0 #f5222d}
aside{overflow:auto;background:var(--panel);border-left:1px solid var(--rule);padding:8px 14px 40px;font-size:13px;line-height:1.5}
.sec h2{font-size:14px;margin:14px 0 6px;padding-bottom:3px;border-bottom:1px solid var(--rule)}
.sec h2 small{color:var(--mute);font-weight:400}
.ent{cursor:pointer;border-radius:3px}
.ent:hover{background:#fff;box-shadow:0 0 0 1px #d9d9d9}
.ent.sel{background:#fff;box-shadow:0 0 0 2px #1677ff}
.ptab{border-collapse:collapse;width:100%;margin:4px 0 10px;font-size:12px;background:#fff}
.ptab caption{text-align:left;font-weight:600;padding:2px 0;color:#444}
.ptab th,.ptab td{border:1px solid #e2ded6;padding:2px 4px;vertical-align:top}
.ptab th{background:#f1eee6;font-weight:500}
.ptab .val{text-align:right;white-space:nowrap}.ptab .code{color:var(--mute);font-size:11px;word-break:break-all}
.sub{color:#aaa}
.plist{list-style:none;margin:0;padding:0}.plist li{padding:2px 0;border-bottom:1px dotted #e6e2d8}
.ty,.mn{color:var(--mute)}.val small{color:var(--mute)}
.m{display:inline-block;padding:0 3px;color:#1677ff}
.proj{margin-bottom:8px}.proj>.nm{font-weight:600}.proj ol{margin:2px 0 0;padding-left:1em;list-style:none}
.proj li{text-indent:-1em;padding-left:1em}
.isec{color:var(--mute);font-size:12px}
.hidden{display:none!important}
#tip{position:fixed;z-index:10;max-width:420px;background:#262626;color:#fff;font:12px/1.55 "Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;padding:7px 10px;border-radius:6px;box-shadow:0 4px 14px #0004;pointer-events:none;white-space:pre-wrap}
#tip b{color:#ffd666}#tip i{color:#bfbfbf;font-style:normal}
@media (max-width:900px){body{display:block;height:auto}#wrap{display:block}main,aside{overflow:visible}aside{border-left:0;border-top:1px solid var(--rule)}}
@media print{
 body{background:#fff;font-size:11pt;display:block;height:auto}
 main{overflow:visible}
 aside,.tools,#tip{display:none!important}
 #wrap{display:block}main{padding:0}
 header{border:0;padding:0 0 8pt}
 .ln{max-width:none;break-inside:avoid}
 .tbl{break-inside:avoid}
 mark{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`

// js wires the page: clicking an entry scrolls to its first highlight and
// flashes it; clicking a highlight selects its entry; hovering a highlight
// shows what was extracted from it (the data block); filters by kind; a
// search over the text and the entries. It loads nothing.
const js = `
(function(){
"use strict";
var data=JSON.parse(document.getElementById("data").textContent);
var tip=document.getElementById("tip");
function first(ref){return document.querySelector('mark[data-ref="'+ref+'"]');}
function flash(el){el.classList.remove("flash");void el.offsetWidth;el.classList.add("flash");}
function show(ref){
  var m=first(ref);
  if(!m)return false;
  m.scrollIntoView({block:"center",inline:"nearest"});
  var all=document.querySelectorAll('mark[data-ref="'+ref+'"]');
  for(var i=0;i<all.length&&i<200;i++)flash(all[i]);
  return true;
}
var sel=null;
function select(ent){
  if(sel)sel.classList.remove("sel");
  sel=ent;
  if(ent){ent.classList.add("sel");}
}
document.addEventListener("click",function(ev){
  var ent=ev.target.closest("[data-id]");
  if(ent){select(ent);show(ent.getAttribute("data-id"));ev.preventDefault();return;}
  var m=ev.target.closest("mark[data-ref]");
  if(m){
    var ref=m.getAttribute("data-ref");
    var e=document.querySelector('#panel [data-id="'+ref+'"]')||document.querySelector('[data-id="'+ref+'"]');
    if(e){select(e);e.scrollIntoView({block:"nearest"});flash(e);}
  }
});
function line(t){return t.replace(/&/g,"&amp;").replace(/</g,"&lt;");}
var names={table:"表格 table",project:"项目专栏 project",indicator:"指标 indicator",total:"合计 total",facility:"机构 facility",item:"项目条目 item",heading:"标题 heading",document:"文件信息 document",value:"数值 value",mention:"机构提及 mention",warning:"警告 warning"};
document.addEventListener("mouseover",function(ev){
  var m=ev.target.closest&&ev.target.closest("mark[data-ref]");
  if(!m){tip.hidden=true;return;}
  var out=[],seen={};
  for(var el=m;el&&el.tagName==="MARK";el=el.parentElement.closest("mark[data-ref]")){
    var ref=el.getAttribute("data-ref");
    if(seen[ref])continue;seen[ref]=1;
    var d=data[ref];if(!d)continue;
    var s="<i>"+line(names[d.k]||d.k)+"</i> <b>"+line(d.n)+"</b>";
    if(d.p)s+=" <i>· "+line(d.p)+"</i>";
    if(d.d)s+="\n"+line(d.d.join("\n"));
    out.push(s);
    if(out.length>=3)break;
  }
  if(!out.length){tip.hidden=true;return;}
  tip.innerHTML=out.join("\n<hr style=\"border:0;border-top:1px solid #555;margin:4px 0\">");
  tip.hidden=false;
  var x=Math.min(ev.clientX+14,window.innerWidth-430),y=ev.clientY+16;
  if(y+tip.offsetHeight>window.innerHeight)y=Math.max(0,ev.clientY-tip.offsetHeight-10);
  tip.style.left=Math.max(0,x)+"px";tip.style.top=y+"px";
});
document.addEventListener("scroll",function(){tip.hidden=true;},true);
var boxes=document.querySelectorAll(".filters input[data-kind]");
for(var i=0;i<boxes.length;i++){boxes[i].addEventListener("change",function(){
  document.body.classList.toggle("off-"+this.getAttribute("data-kind"),!this.checked);
  if(this.getAttribute("data-kind")==="table")document.body.classList.toggle("on-table",this.checked);
});}
var q=document.getElementById("q"),hits=document.getElementById("hits"),timer=0,found=[],at=-1;
function search(){
  var s=q.value.trim();
  var olds=document.querySelectorAll(".ln.hit,.tbl.hit");
  for(var i=0;i<olds.length;i++)olds[i].classList.remove("hit","cur");
  var ents=document.querySelectorAll("#panel [data-id]");
  found=[];at=-1;
  if(!s){for(var j=0;j<ents.length;j++)ents[j].classList.remove("hidden");hits.textContent="";return;}
  var lines=document.querySelectorAll("#doc .ln,#doc .tbl");
  for(var k=0;k<lines.length;k++){if(lines[k].textContent.indexOf(s)>=0){lines[k].classList.add("hit");found.push(lines[k]);}}
  var shown=0;
  for(var e=0;e<ents.length;e++){var hit=ents[e].textContent.indexOf(s)>=0;ents[e].classList.toggle("hidden",!hit&&ents[e].tagName!=="TD");if(hit)shown++;}
  hits.textContent=found.length+" 行 lines · "+shown+" 项 entries";
}
q.addEventListener("input",function(){clearTimeout(timer);timer=setTimeout(search,150);});
q.addEventListener("keydown",function(ev){
  if(ev.key!=="Enter"||!found.length)return;
  if(at>=0)found[at].classList.remove("cur");
  at=(at+1)%found.length;found[at].classList.add("cur");
  found[at].scrollIntoView({block:"center"});
});
// #ref=ID in the address opens the page at that highlight
var h=decodeURIComponent(location.hash||"");
if(h.indexOf("#ref=")===0){
  var id=h.slice(5),ent=document.querySelector('#panel [data-id="'+id+'"]')||document.querySelector('[data-id="'+id+'"]');
  if(ent){select(ent);ent.scrollIntoView({block:"center"});}
  show(id);
}
})();
`
